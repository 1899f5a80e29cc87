// Block ciphers and MACs of ICAO 9303-11 §9.8: 2-key 3DES CBC with ISO 9797-1 MAC algorithm 3
// ("retail MAC"), and AES CBC with CMAC (NIST SP 800-38B). Node 20 has no single DES, so single-DES
// steps use 3DES EDE with the key repeated (K‖K), which is mathematically the same cipher.

import { createCipheriv, createDecipheriv } from 'node:crypto';
import { concat, padIso9797M2, xor } from '../../../util/bytes.ts';

const ZERO8 = new Uint8Array(8);
const ZERO16 = new Uint8Array(16);

function run(algorithm: string, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array, encrypt: boolean): Uint8Array {
  const c = encrypt ? createCipheriv(algorithm, key, iv) : createDecipheriv(algorithm, key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

function checkBlocks(data: Uint8Array, size: number, what: string): void {
  if (data.length % size !== 0) throw new RangeError(`${what}: ${data.length} bytes is not a multiple of ${size}`);
}

/** 2-key (16-byte) or 3-key (24-byte) 3DES in CBC mode, no padding. */
export function tdesCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  checkBlocks(data, 8, '3DES');
  if (key.length === 16) return run('des-ede-cbc', key, iv, data, encrypt);
  if (key.length === 24) return run('des-ede3-cbc', key, iv, data, encrypt);
  throw new RangeError(`3DES key must be 16 or 24 bytes, got ${key.length}`);
}

/** Single DES of one key (8 bytes), CBC, via 3DES with K‖K. */
export function desCbc(key8: Uint8Array, iv: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  if (key8.length !== 8) throw new RangeError(`DES key must be 8 bytes, got ${key8.length}`);
  checkBlocks(data, 8, 'DES');
  return run('des-ede-cbc', concat(key8, key8), iv, data, encrypt);
}

function aesAlgorithm(key: Uint8Array, mode: 'cbc' | 'ecb'): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) throw new RangeError(`AES key must be 16/24/32 bytes, got ${key.length}`);
  return `aes-${key.length * 8}-${mode}`;
}

export function aesCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  checkBlocks(data, 16, 'AES');
  return run(aesAlgorithm(key, 'cbc'), key, iv, data, encrypt);
}

export function aesEcb(key: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  checkBlocks(data, 16, 'AES');
  return run(aesAlgorithm(key, 'ecb'), key, null, data, encrypt);
}

/**
 * ISO/IEC 9797-1 MAC algorithm 3 with DES (retail MAC): single-DES CBC over all blocks with Ka, then
 * DES⁻¹ with Kb and DES with Ka on the last block. `data` must already be padded (method 2) by the
 * caller, as ICAO defines the MAC input as padded. Returns 8 bytes.
 */
export function retailMac(key16: Uint8Array, paddedData: Uint8Array): Uint8Array {
  if (key16.length !== 16) throw new RangeError(`retail MAC key must be 16 bytes, got ${key16.length}`);
  checkBlocks(paddedData, 8, 'retail MAC');
  const ka = key16.subarray(0, 8);
  const kb = key16.subarray(8, 16);
  const cbc = desCbc(ka, ZERO8, paddedData, true);
  const last = cbc.subarray(cbc.length - 8);
  const d = desCbc(kb, ZERO8, last, false);
  return desCbc(ka, ZERO8, d, true);
}

function shiftLeft1(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(block.length);
  for (let i = 0; i < block.length; i++) out[i] = ((block[i]! << 1) | ((block[i + 1] ?? 0) >> 7)) & 0xff;
  return out;
}

/** AES-CMAC (NIST SP 800-38B), full 16-byte tag; ICAO SM truncates it to 8. Pads internally. */
export function aesCmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  const l = aesEcb(key, ZERO16, true);
  const k1 = shiftLeft1(l);
  if ((l[0]! & 0x80) !== 0) k1[15]! ^= 0x87;
  const k2 = shiftLeft1(k1);
  if ((k1[0]! & 0x80) !== 0) k2[15]! ^= 0x87;
  const complete = data.length > 0 && data.length % 16 === 0;
  const blocks = complete ? data.length / 16 : Math.floor(data.length / 16) + 1;
  const last = complete ? xor(data.subarray(data.length - 16), k1) : xor(padIso9797M2(data.subarray((blocks - 1) * 16), 16), k2);
  const input = concat(data.subarray(0, (blocks - 1) * 16), last);
  const cbc = aesCbc(key, ZERO16, input, true);
  return cbc.slice(cbc.length - 16);
}

/** Sets odd parity on each byte of a DES key (the lowest bit), as ICAO 9303-11 §9.7.1 requires. */
export function adjustDesParity(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key);
  for (let i = 0; i < out.length; i++) {
    const b = out[i]! & 0xfe;
    let ones = 0;
    for (let v = b; v; v >>= 1) ones += v & 1;
    out[i] = b | (ones % 2 === 0 ? 1 : 0);
  }
  return out;
}
