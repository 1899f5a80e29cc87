// Fuzz targets for the fingerprint scanner's parsers: R30x packets (alone and as a stream split
// anywhere), the host protocol consuming a device's answers (acknowledge, data packets, end of data),
// ReadSysPara's parameters, the HID report framing, the PNG resolution reader, and the simulated module
// consuming a host's commands. Seeds are real exchanges produced by the simulator.
import { R30xProtocol } from '../../../native/drivers/fingerprint/r30x/r30x-protocol.ts';
import { R30xPacketReader } from '../../../native/drivers/fingerprint/r30x/r30x-packet-reader.ts';
import { decodeR30xPacket, encodeR30xPacket, R30xPacketId } from '../../../native/drivers/fingerprint/r30x/r30x-packet.ts';
import { R30X_PACKED_IMAGE_LENGTH } from '../../../native/drivers/fingerprint/r30x/r30x-image.ts';
import { decodeR30xSystemParameters } from '../../../native/drivers/fingerprint/r30x/r30x-system-parameters.ts';
import { encodeFingerprintPng, readPngResolution } from '../../../native/drivers/fingerprint/fingerprint-png.ts';
import type { ByteLink } from '../../../native/drivers/fingerprint/byte-link.ts';
import { decodeHidReport, encodeHidReports } from '../../../native/drivers/hid/hid-report-framing.ts';
import { DeviceUnavailableError } from '../../../native/hal/errors.ts';
import { Emitter } from '../../../native/hal/event.ts';
import { SimR30xDevice } from '../../../native/sim/fingerprint/sim-r30x-device.ts';
import { syntheticFingerprint } from '../../../native/sim/fingerprint/synthetic-fingerprint.ts';
import { concat, fromHex } from '../../../native/util/bytes.ts';
import type { FuzzTarget } from '../fuzz-target.ts';

const packet = (pid: (typeof R30xPacketId)[keyof typeof R30xPacketId], payload: string) => encodeR30xPacket({ address: 0xffffffff, pid, payload: fromHex(payload) });
const command = (payload: string) => encodeR30xPacket({ address: 0xffffffff, pid: R30xPacketId.COMMAND, payload: fromHex(payload) });

/** Everything a simulated module answers to `commands` (GenImg first, with a finger on the sensor). */
async function answers(commands: string[], packetSize: 32 | 128 = 128): Promise<Uint8Array> {
  const device = new SimR30xDevice({ packetSize });
  device.placeFinger('good', 7);
  const out: Uint8Array[] = [];
  device.onDidTransmit((b) => out.push(b));
  for (const c of commands) device.receive(command(c));
  await device.whenIdle();
  return concat(...out);
}

/**
 * A link whose "device" answers any command with the fuzz input, then drops: the protocol consumes
 * every packet in the input and then fails with FINGERPRINT_DISCONNECTED, so no input can make it wait.
 */
class ReplayLink implements ByteLink {
  readonly name = 'fuzz';
  readonly isOpen = true;
  private readonly received = new Emitter<Uint8Array>();
  private readonly disconnected = new Emitter<Error>();
  readonly onDidReceive = this.received.event;
  readonly onDidDisconnect = this.disconnected.event;

  constructor(private readonly reply: Uint8Array) {}

  async write(): Promise<void> {
    queueMicrotask(() => {
      for (let i = 0; i < this.reply.length; i += 61) this.received.fire(this.reply.subarray(i, i + 61));
      this.disconnected.fire(new DeviceUnavailableError('FINGERPRINT_DISCONNECTED', 'fuzz input ended'));
    });
  }

  async close(): Promise<void> {}
  dispose(): void {}
}

/** Input byte 0 picks the command whose answer the rest of the input is. */
async function protocolParse(input: Uint8Array): Promise<unknown> {
  if (input.length === 0) return undefined;
  const protocol = new R30xProtocol(new ReplayLink(input.subarray(1)), { address: 0xffffffff, password: 0, commandTimeoutMs: 1000, packetTimeoutMs: 1000, retries: 1, deviceId: 'fuzz' });
  switch (input[0]! & 3) {
    case 0:
      return protocol.uploadImage(R30X_PACKED_IMAGE_LENGTH);
    case 1:
      return protocol.readSystemParameters();
    case 2:
      return protocol.uploadTemplate(1, 4096);
    default:
      return protocol.generateImage();
  }
}

export const FINGERPRINT_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'r30x-packet',
    seeds: async () => [command('01'), command('1300000000'), decodeAndEncode(await answers(['0F']))],
    parse: (b) => decodeR30xPacket(b),
  },
  {
    name: 'r30x-packet-stream',
    seeds: async () => [await answers(['01', '0F', '0201', '0801'], 32), await answers(['01', '0201', '0801'])],
    parse: (b) => {
      const reader = new R30xPacketReader();
      const results = [];
      // Feed in uneven slices so packets split across pushes.
      for (let i = 0, n = 1; i < b.length; i += n, n = (n * 7 + 3) % 97 || 1) results.push(...reader.push(b.subarray(i, i + n)));
      return results;
    },
  },
  {
    name: 'r30x-protocol-answers',
    seeds: async () => [
      // A short upload (the protocol bounds the length; the family checks it is a whole image).
      concat(Uint8Array.of(0), packet(R30xPacketId.ACK, '00'), packet(R30xPacketId.DATA, 'AB'.repeat(128)), packet(R30xPacketId.END_OF_DATA, 'CD'.repeat(128))),
      concat(Uint8Array.of(1), await answers(['0F'])),
      concat(Uint8Array.of(2), (await answers(['01', '0201', '0801'])).subarray(24)),
      concat(Uint8Array.of(3), await answers(['01'])),
    ],
    parse: protocolParse,
  },
  {
    name: 'r30x-system-parameters',
    seeds: () => [fromHex('0000 0009 03E8 0003 FFFFFFFF 0002 0006')],
    parse: (b) => decodeR30xSystemParameters(b),
  },
  {
    name: 'hid-report',
    seeds: () => encodeHidReports(command('0A')).concat(encodeHidReports(new Uint8Array(100).fill(0xef))),
    parse: (b) => decodeHidReport(b),
  },
  {
    name: 'fingerprint-png-resolution',
    seeds: () => [encodeFingerprintPng({ width: 64, height: 72, dpi: 500, pixels: syntheticFingerprint({ width: 64, height: 72, condition: 'good', seed: 1 }) })],
    parse: (b) => readPngResolution(b),
  },
  {
    name: 'r30x-sim-device-commands',
    seeds: () => [concat(command('1300000000'), command('01'), command('0F')), concat(command('01'), command('02 01'), command('08 01')), command('3501800200')],
    parse: async (b) => {
      const device = new SimR30xDevice();
      device.placeFinger('good', 3);
      device.receive(b);
      await device.whenIdle();
      device.dispose();
    },
  },
];

/** The first packet of a simulator answer, re-encoded (a valid single-packet seed). */
function decodeAndEncode(stream: Uint8Array): Uint8Array {
  const reader = new R30xPacketReader();
  const first = reader.push(stream).find((r) => r.kind === 'packet');
  return first && first.kind === 'packet' ? encodeR30xPacket(first.packet) : command('01');
}
