// Bench section `fingerprint`: one capture from "finger detected" to PNG (image upload, quality, the
// scanner's own feature check, PNG encoding) over the simulated R30x module at realistic link rates:
// full-speed USB HID (one 64-byte report per 1 ms frame, 63 stream bytes each) and 57600 bps serial
// (8N1, 5760 bytes/s, through a socat PTY pair and real serialport), plus the host-side conversion alone.
// The physical limit of each link is the time its image upload bytes take on the wire; the driver's
// overhead is what the capture takes beyond it.
// Goals: capture-to-PNG over HID under 1.5 s; over serial within 15% of the line's transfer time; host
// conversion (quality + PNG) under 100 ms.

import { encodeFingerprintPng } from '../../native/drivers/fingerprint/fingerprint-png.ts';
import { createFingerprintScanner } from '../../native/drivers/fingerprint/create-fingerprint-scanner.ts';
import { assessFingerprintQuality } from '../../native/drivers/fingerprint/fingerprint-quality.ts';
import { packR30xImage, R30X_PACKED_IMAGE_LENGTH, unpackR30xImage } from '../../native/drivers/fingerprint/r30x/r30x-image.ts';
import type { FingerprintScanner } from '../../native/hal/fingerprint-scanner.ts';
import { createSimFingerprintScanner } from '../../native/sim/fingerprint/create-sim-fingerprint-scanner.ts';
import { SimR30xDevice } from '../../native/sim/fingerprint/sim-r30x-device.ts';
import { SimSerialPeer } from '../../native/sim/fingerprint/sim-serial-peer.ts';
import { syntheticFingerprint } from '../../native/sim/fingerprint/synthetic-fingerprint.ts';
import { openPtyPair } from '../helpers/socat.ts';
import type { BenchGoal, BenchOptions, BenchSection } from './bench-section.ts';
import { formatTable, median } from './text-table.ts';

const PACKET_SIZE = 128;
/** Acknowledge (12 bytes) + 288 data packets of 9 + 128 + 2 bytes. */
const UPLOAD_WIRE_BYTES = 12 + (R30X_PACKED_IMAGE_LENGTH / PACKET_SIZE) * (9 + PACKET_SIZE + 2);
const HID_LIMIT_MS = Math.ceil(UPLOAD_WIRE_BYTES / 63) * 1;
const SERIAL_BAUD = 57600;
const SERIAL_LIMIT_MS = (UPLOAD_WIRE_BYTES * 10 * 1000) / SERIAL_BAUD;
const SERIAL_RUNS = 3;

interface Sample {
  readonly captureToPngMs: number;
  readonly uploadMs: number;
  readonly convertMs: number;
}

interface Row {
  readonly link: string;
  readonly limitMs: number;
  readonly samples: readonly Sample[];
}

async function captureSamples(scanner: FingerprintScanner, place: () => void, lift: () => void, runs: number, warmUp: number): Promise<Sample[]> {
  await scanner.open();
  const samples: Sample[] = [];
  for (let i = 0; i < warmUp + runs; i++) {
    place();
    const { timings } = await scanner.capture({ timeoutMs: 30_000 });
    lift();
    if (i >= warmUp) samples.push({ captureToPngMs: timings.uploadMs + timings.convertMs, uploadMs: timings.uploadMs, convertMs: timings.convertMs });
  }
  return samples;
}

async function hidRow(options: BenchOptions): Promise<Row> {
  const { scanner, device } = createSimFingerprintScanner({ hid: { reportIntervalMs: 1 } });
  try {
    const samples = await captureSamples(scanner, () => device.placeFinger('good', 1), () => device.liftFinger(), options.runs, options.warmUp);
    return { link: 'HID full speed, 64 B / 1 ms', limitMs: HID_LIMIT_MS, samples };
  } finally {
    scanner.dispose();
  }
}

async function serialRow(options: BenchOptions): Promise<Row | string> {
  let pair;
  try {
    pair = await openPtyPair();
  } catch (err) {
    return `serial scenario skipped: ${(err as Error).message}`;
  }
  const device = new SimR30xDevice();
  const peer = await SimSerialPeer.open(device, { path: pair.simPath, baudRate: SERIAL_BAUD, pace: true });
  const scanner = createFingerprintScanner({ id: 'bench-serial', family: 'r30x', transport: { type: 'serial', path: pair.devicePath, baudRate: SERIAL_BAUD } });
  try {
    const runs = Math.min(options.runs, SERIAL_RUNS);
    options.log(`  serial: ${runs} capture(s) of about ${(SERIAL_LIMIT_MS / 1000).toFixed(1)} s each (the line rate, not the driver, sets the pace)`);
    const samples = await captureSamples(scanner, () => device.placeFinger('good', 1), () => device.liftFinger(), runs, 0);
    return { link: `serial ${SERIAL_BAUD} bps 8N1, socat PTY`, limitMs: SERIAL_LIMIT_MS, samples };
  } finally {
    scanner.dispose();
    peer.dispose();
    await pair.close();
  }
}

function conversionMs(options: BenchOptions): number {
  const image = unpackR30xImage(packR30xImage(syntheticFingerprint({ width: 256, height: 288, condition: 'good', seed: 1 })));
  const times: number[] = [];
  for (let i = 0; i < options.warmUp + options.runs * 3; i++) {
    const t = performance.now();
    assessFingerprintQuality(image);
    encodeFingerprintPng(image);
    if (i >= options.warmUp) times.push(performance.now() - t);
  }
  return median(times);
}

const ms = (n: number) => n.toFixed(0);

export const fingerprintBench: BenchSection = {
  name: 'fingerprint',
  title: 'fingerprint capture to PNG over the simulated R30x module (HID and serial link rates)',
  async run(options) {
    options.log(`  image upload: ${R30X_PACKED_IMAGE_LENGTH} B of 4-bit pixels in ${R30X_PACKED_IMAGE_LENGTH / PACKET_SIZE} packets = ${UPLOAD_WIRE_BYTES} B on the wire`);
    const rows: Row[] = [await hidRow(options)];
    const serial = await serialRow(options);
    if (typeof serial === 'string') options.log(`  ${serial}`);
    else rows.push(serial);
    const convert = conversionMs(options);
    options.log(
      '\n' +
        formatTable(
          [{ header: 'link', align: 'left' }, { header: 'runs' }, { header: 'upload limit ms' }, { header: 'upload ms' }, { header: 'convert ms' }, { header: 'capture-to-PNG ms' }, { header: 'over limit' }],
          rows.map((r) => {
            const total = median(r.samples.map((s) => s.captureToPngMs));
            return [r.link, String(r.samples.length), ms(r.limitMs), ms(median(r.samples.map((s) => s.uploadMs))), ms(median(r.samples.map((s) => s.convertMs))), ms(total), `${((total / r.limitMs - 1) * 100).toFixed(0)}%`];
          }),
        ),
    );
    options.log(`\n  host conversion alone (quality + PNG of 256x288): median ${convert.toFixed(1)} ms`);
    const hid = rows[0]!;
    const hidTotal = median(hid.samples.map((s) => s.captureToPngMs));
    const goals: BenchGoal[] = [
      { goal: 'capture-to-PNG over full-speed HID under 1.5 s', met: hidTotal < 1500, detail: `median ${ms(hidTotal)} ms (upload limit ${ms(hid.limitMs)} ms)` },
      { goal: 'host conversion (quality + PNG) under 100 ms', met: convert < 100, detail: `median ${convert.toFixed(1)} ms` },
    ];
    if (typeof serial === 'string') {
      goals.push({ goal: `capture-to-PNG over ${SERIAL_BAUD} bps serial within 15% of the line's transfer time`, met: false, detail: serial });
    } else {
      const total = median(serial.samples.map((s) => s.captureToPngMs));
      goals.push({
        goal: `capture-to-PNG over ${SERIAL_BAUD} bps serial within 15% of the line's transfer time`,
        met: total <= serial.limitMs * 1.15,
        detail: `median ${ms(total)} ms vs ${ms(serial.limitMs)} ms on the wire (${((total / serial.limitMs - 1) * 100).toFixed(1)}% over)`,
      });
    }
    return goals;
  },
};
