// ReadSysPara's 16 bytes (R307 user manual §5.2.4): status register (2), system identifier code (2),
// finger library size (2), security level (2), device address (4), data packet size code N (2; 32 << N
// bytes), baud rate multiplier N (2; 9600 x N bps). All big-endian.

import { FingerprintProtocolError } from '../../../hal/fingerprint-errors.ts';

export const R30X_SYSTEM_PARAMETERS_LENGTH = 16;

export interface R30xSystemParameters {
  readonly statusRegister: number;
  readonly systemId: number;
  readonly librarySize: number;
  readonly securityLevel: number;
  readonly address: number;
  /** Data packet payload size in bytes: 32, 64, 128 or 256. */
  readonly packetSize: number;
  /** Serial rate in bits per second (9600 x N, N = 1..12). */
  readonly baudRate: number;
}

export function decodeR30xSystemParameters(bytes: Uint8Array): R30xSystemParameters {
  if (bytes.length !== R30X_SYSTEM_PARAMETERS_LENGTH) {
    throw new FingerprintProtocolError('R30X_BAD_SYSTEM_PARAMETERS', `system parameters need ${R30X_SYSTEM_PARAMETERS_LENGTH} bytes, got ${bytes.length}`, { step: 'r30x.READ_SYS_PARA' });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const packetCode = view.getUint16(12);
  const baudN = view.getUint16(14);
  if (packetCode > 3) throw new FingerprintProtocolError('R30X_BAD_SYSTEM_PARAMETERS', `packet size code ${packetCode} is not 0..3`, { step: 'r30x.READ_SYS_PARA' });
  if (baudN < 1 || baudN > 12) throw new FingerprintProtocolError('R30X_BAD_SYSTEM_PARAMETERS', `baud multiplier ${baudN} is not 1..12`, { step: 'r30x.READ_SYS_PARA' });
  return Object.freeze({
    statusRegister: view.getUint16(0),
    systemId: view.getUint16(2),
    librarySize: view.getUint16(4),
    securityLevel: view.getUint16(6),
    address: view.getUint32(8),
    packetSize: 32 << packetCode,
    baudRate: 9600 * baudN,
  });
}

export function encodeR30xSystemParameters(p: R30xSystemParameters): Uint8Array {
  const packetCode = [32, 64, 128, 256].indexOf(p.packetSize);
  const baudN = p.baudRate / 9600;
  if (packetCode < 0 || !Number.isInteger(baudN) || baudN < 1 || baudN > 12) {
    throw new FingerprintProtocolError('R30X_BAD_SYSTEM_PARAMETERS', 'packet size must be 32/64/128/256 and baud rate 9600 x 1..12', { step: 'r30x.encode' });
  }
  const out = new Uint8Array(R30X_SYSTEM_PARAMETERS_LENGTH);
  const view = new DataView(out.buffer);
  view.setUint16(0, p.statusRegister);
  view.setUint16(2, p.systemId);
  view.setUint16(4, p.librarySize);
  view.setUint16(6, p.securityLevel);
  view.setUint32(8, p.address >>> 0);
  view.setUint16(12, packetCode);
  view.setUint16(14, baudN);
  return out;
}
