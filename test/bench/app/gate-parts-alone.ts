// The device and network steps of a border-gate crossing measured alone, outside the kiosk, on the same
// simulators at the same speeds as realistic-devices.override.yaml: the reference the app-border section
// divides the kiosk's own figures by. One traveller's parts, one after another, as the gate runs them:
//
// - online round trip, part 1: the AA nonce from the central-service simulator on loopback (signed
//   request, as the kiosk's CentralClient sends it);
// - card: readDocument on a SimCardReader at 15 ms per APDU exchange, with the keys the kiosk gets from
//   the scanned MRZ (passport) or front QR (CCCD), the nonce's challenge for active authentication and
//   the test CSCAs; to the holder's name data and to the verified read;
// - fingerprint: one capture on the simulated R30x module over a full-speed HID bus (1 ms a report),
//   the finger placed as the capture starts;
// - online round trip, part 2: verifyIdentity with the read's evidence (SOD, DG1, DG14/DG15, the AA
//   signature) and the captured fingerprint image; the service must answer `verified`;
// - gate: one pulse of the Modbus RTU gate driver on the gate simulator with the driver's default
//   options (coil on, 500 ms, coil off), on an unpaced simulated line as the kiosk's sim factory builds it.

import { cccdAccessKeys } from '../../../native/card/cccd/cccd-access.ts';
import { parseCccdQr } from '../../../native/card/cccd/cccd-qr.ts';
import type { AccessKey } from '../../../native/card/access-key.ts';
import { mrzAccessKeyFromMrz, parseMrz } from '../../../native/card/lds/mrz/mrz.ts';
import { readDocument } from '../../../native/card/reader/document-reader.ts';
import { ModbusGate } from '../../../native/drivers/serial/modbus/modbus-gate.ts';
import { ModbusGateOptionsSchema } from '../../../native/drivers/serial/serial-driver-options.ts';
import { createSimFingerprintScanner } from '../../../native/sim/fingerprint/create-sim-fingerprint-scanner.ts';
import { createChip, type ProfileName } from '../../../native/sim/profiles/index.ts';
import { ModbusGateSim } from '../../../native/sim/serial/modbus-gate-sim.ts';
import { SimSerialPort } from '../../../native/sim/serial/sim-serial-port.ts';
import { SimCardReader } from '../../../native/sim/sim-card-reader.ts';
import { profileMrzLines, profileQrText } from '../../../electron/core/app/demo-controls.ts';
import { chipReadOf } from '../../../electron/core/flows/adapters/document-reader-card-port.ts';
import { startCentral, testTrustStore } from '../../helpers/central-fixture.ts';
import { median } from '../text-table.ts';
import type { TravelDocument } from './browser-border-crossing.ts';
import { REALISTIC } from './parts-alone.ts';

export interface GatePartsAlone {
  /** The chip simulator profile read. */
  readonly profile: ProfileName;
  /** Card on the reader to the holder's name data read (median ms). */
  readonly cardToHolderMs: number;
  /** Card on the reader to the verified read (PA, AA over the service's challenge, CA where offered). */
  readonly cardReadMs: number;
  readonly apdus: number;
  readonly fingerprintMs: number;
  /** The AA nonce and the identity verification together (median of their sums). */
  readonly onlineMs: number;
  readonly nonceMs: number;
  readonly verifyMs: number;
  /** One gate pulse, acknowledged by the controller (coil on, pulse, coil off). */
  readonly gatePulseMs: number;
  readonly gatePulseLengthMs: number;
}

const PROFILES: Readonly<Record<TravelDocument, ProfileName>> = Object.freeze({ passport: 'passport-td3', cccd: 'cccd' });

/** The keys the kiosk's scan interpreter derives from what the demo scans for `document`. */
function scannedKeys(document: TravelDocument): readonly AccessKey[] {
  return document === 'passport' ? [mrzAccessKeyFromMrz(parseMrz(profileMrzLines('passport-td3').join('\n')))] : cccdAccessKeys(parseCccdQr(profileQrText()));
}

interface TravellerParts {
  readonly holderMs: number;
  readonly cardMs: number;
  readonly apdus: number;
  readonly fingerMs: number;
  readonly nonceMs: number;
  readonly verifyMs: number;
}

/** `runs` travellers' parts, one after another; throws when a read is not trusted or the service does not verify it. */
async function travellerParts(document: TravelDocument, runs: number): Promise<TravellerParts[]> {
  const profile = PROFILES[document];
  const keys = scannedKeys(document);
  const trustStore = testTrustStore();
  const central = await startCentral({ trustStore });
  const client = central.client();
  const reader = new SimCardReader('bench reader', { latencyMs: REALISTIC.apduLatencyMs });
  const { scanner, device } = createSimFingerprintScanner({ hid: { reportIntervalMs: REALISTIC.hidReportIntervalMs } });
  const chip = createChip(profile);
  const samples: TravellerParts[] = [];
  try {
    await scanner.open();
    for (let i = 0; i < runs; i++) {
      const nonceStart = performance.now();
      const nonce = await client.issueNonce();
      const nonceMs = performance.now() - nonceStart;

      reader.insertCard(chip);
      const cardStart = performance.now();
      let holderAt = Number.NaN;
      const result = await readDocument(reader, {
        keys,
        trustStore,
        activeAuthenticationChallenge: nonce.challenge,
        onEvent: (event) => {
          if (event.type === 'holder' && Number.isNaN(holderAt)) holderAt = performance.now();
        },
      });
      const cardMs = performance.now() - cardStart;
      if (!result.verification.trusted) throw new Error(`the reference ${profile} read is not trusted`);
      reader.removeCard();

      const fingerStart = performance.now();
      const capture = scanner.capture({ timeoutMs: 30_000 });
      device.placeFinger('good');
      const finger = await capture;
      const fingerMs = performance.now() - fingerStart;
      device.liftFinger();

      const verifyStart = performance.now();
      const verification = await client.verifyIdentity({ nonceId: nonce.nonceId, ...chipReadOf(result, new Date()).evidence, fingerprintPng: finger.png });
      const verifyMs = performance.now() - verifyStart;
      if (verification.verdict !== 'verified') throw new Error(`the central simulator answered ${verification.verdict} for the reference ${profile} traveller`);

      samples.push({ holderMs: holderAt - cardStart, cardMs, apdus: result.apdu.count, fingerMs, nonceMs, verifyMs });
    }
  } finally {
    scanner.dispose();
    reader.dispose();
    await central.close();
  }
  return samples;
}

/** `runs` pulses of the gate driver on its simulator; throws unless the simulator saw each one. */
async function gatePulses(runs: number): Promise<{ ms: number; pulseLengthMs: number }> {
  const sim = new ModbusGateSim();
  const port = new SimSerialPort(sim, 'bench-gate', {});
  // The driver's defaults, as the demo's gate (no options in config/kiosk/demo.yaml) runs with them.
  const options = ModbusGateOptionsSchema.parse({});
  const gate = new ModbusGate({ id: 'gate', driver: 'sim', opener: port.opener, ...options });
  const times: number[] = [];
  try {
    await gate.open();
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await gate.pulse();
      times.push(performance.now() - started);
    }
    if (sim.counts.pulses !== runs) throw new Error(`the gate simulator counted ${sim.counts.pulses} pulses for ${runs}`);
    if (sim.coil(sim.openCoil)) throw new Error('the gate simulator\'s open coil is still on after the pulses');
  } finally {
    gate.dispose();
    port.dispose();
    sim.dispose();
  }
  return { ms: median(times), pulseLengthMs: options.pulseMs };
}

/** Measures one traveller's parts `runs` times after one unmeasured traveller, and the gate pulse (at most 3), and returns the medians. */
export async function measureGatePartsAlone(document: TravelDocument, runs: number): Promise<GatePartsAlone> {
  await travellerParts(document, 1);
  const samples = await travellerParts(document, runs);
  const gate = await gatePulses(Math.max(1, Math.min(runs, 3)));
  const of = (pick: (s: TravellerParts) => number) => median(samples.map(pick));
  return Object.freeze({
    profile: PROFILES[document],
    cardToHolderMs: of((s) => s.holderMs),
    cardReadMs: of((s) => s.cardMs),
    apdus: samples.at(-1)!.apdus,
    fingerprintMs: of((s) => s.fingerMs),
    onlineMs: of((s) => s.nonceMs + s.verifyMs),
    nonceMs: of((s) => s.nonceMs),
    verifyMs: of((s) => s.verifyMs),
    gatePulseMs: gate.ms,
    gatePulseLengthMs: gate.pulseLengthMs,
  });
}
