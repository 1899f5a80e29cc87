// The R30x/ZFM packet (R307/R503 user manuals, "Instruction system"): every command, answer and data
// block travels as
//
//   header EF 01 | address (4, big-endian) | packet id (1) | length (2) | payload | checksum (2)
//
// where `length` counts the payload plus the two checksum bytes, and the checksum is the low 16 bits of
// the arithmetic sum of the packet id, both length bytes and every payload byte.

import { FingerprintProtocolError } from '../../../hal/fingerprint-errors.ts';

export const R30X_HEADER = 0xef01;
export const R30X_DEFAULT_ADDRESS = 0xffffffff;

/** Packet identifiers (the "PID" or "package identifier" field). */
export const R30xPacketId = Object.freeze({
  COMMAND: 0x01,
  /** A data packet with more to follow. */
  DATA: 0x02,
  ACK: 0x07,
  /** The last data packet of a transfer. */
  END_OF_DATA: 0x08,
} as const);

export type R30xPacketIdValue = (typeof R30xPacketId)[keyof typeof R30xPacketId];

const KNOWN_IDS: ReadonlySet<number> = new Set(Object.values(R30xPacketId));

/** Header (2) + address (4) + packet id (1) + length (2). */
export const R30X_PREFIX_LENGTH = 9;
export const R30X_CHECKSUM_LENGTH = 2;
/** The largest data packet the family defines (ReadSysPara packet size code 3 = 256 bytes). */
export const R30X_MAX_PAYLOAD = 256;
export const R30X_MAX_PACKET = R30X_PREFIX_LENGTH + R30X_MAX_PAYLOAD + R30X_CHECKSUM_LENGTH;

export interface R30xPacket {
  readonly address: number;
  readonly pid: R30xPacketIdValue;
  readonly payload: Uint8Array;
}

export function r30xChecksum(pid: number, lengthField: number, payload: Uint8Array): number {
  let sum = pid + (lengthField >>> 8) + (lengthField & 0xff);
  for (const b of payload) sum += b;
  return sum & 0xffff;
}

function packetError(code: string, message: string): FingerprintProtocolError {
  return new FingerprintProtocolError(code, message, { step: 'r30x.decode' });
}

/** Encodes one packet. Throws FingerprintProtocolError `R30X_BAD_LENGTH` / `R30X_BAD_PACKET_ID` on bad fields. */
export function encodeR30xPacket(packet: R30xPacket): Uint8Array {
  if (!KNOWN_IDS.has(packet.pid)) throw packetError('R30X_BAD_PACKET_ID', `unknown packet id 0x${hex(packet.pid)}`);
  if (packet.payload.length > R30X_MAX_PAYLOAD) throw packetError('R30X_BAD_LENGTH', `payload of ${packet.payload.length} bytes exceeds ${R30X_MAX_PAYLOAD}`);
  if (!Number.isInteger(packet.address) || packet.address < 0 || packet.address > 0xffffffff) throw packetError('R30X_BAD_ADDRESS', 'address must be a 32-bit unsigned integer');
  const lengthField = packet.payload.length + R30X_CHECKSUM_LENGTH;
  const out = new Uint8Array(R30X_PREFIX_LENGTH + lengthField);
  const view = new DataView(out.buffer);
  view.setUint16(0, R30X_HEADER);
  view.setUint32(2, packet.address);
  out[6] = packet.pid;
  view.setUint16(7, lengthField);
  out.set(packet.payload, R30X_PREFIX_LENGTH);
  view.setUint16(R30X_PREFIX_LENGTH + packet.payload.length, r30xChecksum(packet.pid, lengthField, packet.payload));
  return out;
}

/** What the prefix of a packet says, before the payload has arrived. */
export interface R30xPrefix {
  readonly address: number;
  readonly pid: R30xPacketIdValue;
  /** Whole packet length in bytes, prefix and checksum included. */
  readonly packetLength: number;
}

/**
 * Reads and bounds the 9-byte prefix at the start of `bytes` (which must hold at least 9 bytes).
 * Throws `R30X_BAD_HEADER`, `R30X_BAD_PACKET_ID` or `R30X_BAD_LENGTH`.
 */
export function decodeR30xPrefix(bytes: Uint8Array): R30xPrefix {
  if (bytes.length < R30X_PREFIX_LENGTH) throw packetError('R30X_TRUNCATED', `packet prefix needs ${R30X_PREFIX_LENGTH} bytes, got ${bytes.length}`);
  if (bytes[0] !== 0xef || bytes[1] !== 0x01) throw packetError('R30X_BAD_HEADER', `expected header EF01, got ${hex(bytes[0]!)}${hex(bytes[1]!)}`);
  const pid = bytes[6]!;
  if (!KNOWN_IDS.has(pid)) throw packetError('R30X_BAD_PACKET_ID', `unknown packet id 0x${hex(pid)}`);
  const lengthField = (bytes[7]! << 8) | bytes[8]!;
  if (lengthField < R30X_CHECKSUM_LENGTH || lengthField > R30X_MAX_PAYLOAD + R30X_CHECKSUM_LENGTH) {
    throw packetError('R30X_BAD_LENGTH', `length field ${lengthField} outside ${R30X_CHECKSUM_LENGTH}..${R30X_MAX_PAYLOAD + R30X_CHECKSUM_LENGTH}`);
  }
  const address = ((bytes[2]! << 24) | (bytes[3]! << 16) | (bytes[4]! << 8) | bytes[5]!) >>> 0;
  return Object.freeze({ address, pid: pid as R30xPacketIdValue, packetLength: R30X_PREFIX_LENGTH + lengthField });
}

/**
 * Decodes exactly one packet. Throws FingerprintProtocolError `R30X_TRUNCATED`, `R30X_BAD_HEADER`,
 * `R30X_BAD_PACKET_ID`, `R30X_BAD_LENGTH` (also for trailing bytes) or `R30X_BAD_CHECKSUM`.
 */
export function decodeR30xPacket(bytes: Uint8Array): R30xPacket {
  const prefix = decodeR30xPrefix(bytes);
  if (bytes.length < prefix.packetLength) throw packetError('R30X_TRUNCATED', `packet needs ${prefix.packetLength} bytes, got ${bytes.length}`);
  if (bytes.length > prefix.packetLength) throw packetError('R30X_BAD_LENGTH', `${bytes.length - prefix.packetLength} bytes after the packet`);
  const payloadEnd = prefix.packetLength - R30X_CHECKSUM_LENGTH;
  const payload = bytes.slice(R30X_PREFIX_LENGTH, payloadEnd);
  const expected = r30xChecksum(prefix.pid, payload.length + R30X_CHECKSUM_LENGTH, payload);
  const actual = (bytes[payloadEnd]! << 8) | bytes[payloadEnd + 1]!;
  if (expected !== actual) {
    throw new FingerprintProtocolError('R30X_BAD_CHECKSUM', `checksum ${hex4(actual)} does not match ${hex4(expected)} (packet id 0x${hex(prefix.pid)})`, {
      step: 'r30x.decode',
    });
  }
  return Object.freeze({ address: prefix.address, pid: prefix.pid, payload });
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}
