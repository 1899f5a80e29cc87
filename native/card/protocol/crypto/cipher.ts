// Block ciphers and MACs of ICAO 9303-11 §9.8: 2-key 3DES CBC with ISO 9797-1 MAC algorithm 3
// ("retail MAC"), and AES CBC with CMAC (NIST SP 800-38B). Node 20 has no single DES, so single-DES
// steps use 3DES EDE with the key repeated (K‖K), which is mathematically the same cipher.
// A secure-messaging session uses the keyed forms (CbcKey, AesCmacKey, RetailMacKey): setting up an
// OpenSSL context costs more than a short message, so they keep theirs for the session's life.

import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from 'node:crypto';
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
 * CBC under one key, with the OpenSSL contexts kept open across calls. A CBC context carries its
 * chaining value from one update to the next, so each call folds the caller's IV into the first input
 * block (encryption) or the first output block (decryption) and remembers the last ciphertext block:
 * the output equals that of a fresh context with the caller's IV. Not for concurrent use across awaits
 * (the methods are synchronous).
 */
export class CbcKey {
  readonly blockSize: 8 | 16;
  private readonly algorithm: string;
  private readonly key: Uint8Array;
  private encryptor: Cipher | undefined;
  private encryptChain: Uint8Array;
  private decryptor: Decipher | undefined;
  private decryptChain: Uint8Array;

  /** `algorithm` is an OpenSSL CBC name (`aes-128-cbc`, `des-ede-cbc`, ...) of `blockSize`-byte blocks. */
  private constructor(algorithm: string, key: Uint8Array, blockSize: 8 | 16) {
    this.algorithm = algorithm;
    this.key = new Uint8Array(key);
    this.blockSize = blockSize;
    this.encryptChain = new Uint8Array(blockSize);
    this.decryptChain = new Uint8Array(blockSize);
  }

  /** AES-128/192/256 by key length. Throws RangeError for another length. */
  static aes(key: Uint8Array): CbcKey {
    return new CbcKey(aesAlgorithm(key, 'cbc'), key, 16);
  }

  /** 2-key (16-byte) or 3-key (24-byte) 3DES. Throws RangeError for another length. */
  static tdes(key: Uint8Array): CbcKey {
    if (key.length === 16) return new CbcKey('des-ede-cbc', key, 8);
    if (key.length === 24) return new CbcKey('des-ede3-cbc', key, 8);
    throw new RangeError(`3DES key must be 16 or 24 bytes, got ${key.length}`);
  }

  /** Single DES of an 8-byte key (as 3DES with K‖K). Throws RangeError for another length. */
  static des(key8: Uint8Array): CbcKey {
    if (key8.length !== 8) throw new RangeError(`DES key must be 8 bytes, got ${key8.length}`);
    return new CbcKey('des-ede-cbc', concat(key8, key8), 8);
  }

  /** CBC encryption of whole blocks, no padding. Throws RangeError when `data` is not whole blocks. */
  encrypt(iv: Uint8Array, data: Uint8Array): Uint8Array {
    this.check(iv, data);
    if (data.length === 0) return new Uint8Array(0);
    this.encryptor ??= this.open(createCipheriv);
    const input = new Uint8Array(data);
    for (let i = 0; i < this.blockSize; i++) input[i]! ^= iv[i]! ^ this.encryptChain[i]!;
    const out = new Uint8Array(this.encryptor.update(input));
    if (out.length !== data.length) throw new RangeError('CBC context held back output');
    this.encryptChain = out.slice(out.length - this.blockSize);
    return out;
  }

  /** CBC decryption of whole blocks, no padding. Throws RangeError when `data` is not whole blocks. */
  decrypt(iv: Uint8Array, data: Uint8Array): Uint8Array {
    this.check(iv, data);
    if (data.length === 0) return new Uint8Array(0);
    this.decryptor ??= this.open(createDecipheriv);
    const out = new Uint8Array(this.decryptor.update(data));
    if (out.length !== data.length) throw new RangeError('CBC context held back output');
    for (let i = 0; i < this.blockSize; i++) out[i]! ^= iv[i]! ^ this.decryptChain[i]!;
    this.decryptChain = data.slice(data.length - this.blockSize);
    return out;
  }

  /** E(K, block) of one block: CBC with a zero IV. */
  encryptBlock(block: Uint8Array): Uint8Array {
    return this.encrypt(new Uint8Array(this.blockSize), block);
  }

  private open<T extends Cipher | Decipher>(create: (algorithm: string, key: Uint8Array, iv: Uint8Array) => T): T {
    const context = create(this.algorithm, this.key, new Uint8Array(this.blockSize));
    context.setAutoPadding(false);
    return context;
  }

  private check(iv: Uint8Array, data: Uint8Array): void {
    if (iv.length !== this.blockSize) throw new RangeError(`IV of ${iv.length} bytes for ${this.blockSize}-byte blocks`);
    checkBlocks(data, this.blockSize, this.algorithm);
  }
}

/**
 * ISO/IEC 9797-1 MAC algorithm 3 with DES (retail MAC) under one 16-byte key Ka‖Kb: single-DES CBC over
 * all blocks with Ka, then DES⁻¹ with Kb and DES with Ka on the last block. Throws RangeError for a key
 * of another length.
 */
export class RetailMacKey {
  private readonly ka: CbcKey;
  private readonly kb: CbcKey;

  constructor(key16: Uint8Array) {
    if (key16.length !== 16) throw new RangeError(`retail MAC key must be 16 bytes, got ${key16.length}`);
    this.ka = CbcKey.des(key16.subarray(0, 8));
    this.kb = CbcKey.des(key16.subarray(8, 16));
  }

  /** The 8-byte MAC of `paddedData` (already padded, method 2, as ICAO defines the MAC input). */
  mac(paddedData: Uint8Array): Uint8Array {
    checkBlocks(paddedData, 8, 'retail MAC');
    const cbc = this.ka.encrypt(ZERO8, paddedData);
    const d = this.kb.decrypt(ZERO8, cbc.subarray(cbc.length - 8));
    return this.ka.encryptBlock(d);
  }
}

/**
 * ISO/IEC 9797-1 MAC algorithm 3 with DES (retail MAC): single-DES CBC over all blocks with Ka, then
 * DES⁻¹ with Kb and DES with Ka on the last block. `data` must already be padded (method 2) by the
 * caller, as ICAO defines the MAC input as padded. Returns 8 bytes.
 */
export function retailMac(key16: Uint8Array, paddedData: Uint8Array): Uint8Array {
  return new RetailMacKey(key16).mac(paddedData);
}

function shiftLeft1(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(block.length);
  for (let i = 0; i < block.length; i++) out[i] = ((block[i]! << 1) | ((block[i + 1] ?? 0) >> 7)) & 0xff;
  return out;
}

/** AES-CMAC (NIST SP 800-38B) under one key, its subkeys K1 and K2 derived once. */
export class AesCmacKey {
  private readonly cbc: CbcKey;
  private readonly k1: Uint8Array;
  private readonly k2: Uint8Array;

  /** Throws RangeError for a key that is not 16, 24 or 32 bytes. */
  constructor(key: Uint8Array) {
    this.cbc = CbcKey.aes(key);
    const l = this.cbc.encryptBlock(ZERO16);
    this.k1 = shiftLeft1(l);
    if ((l[0]! & 0x80) !== 0) this.k1[15]! ^= 0x87;
    this.k2 = shiftLeft1(this.k1);
    if ((this.k1[0]! & 0x80) !== 0) this.k2[15]! ^= 0x87;
  }

  /** The full 16-byte tag of `data` (padded internally); ICAO SM truncates it to 8. */
  mac(data: Uint8Array): Uint8Array {
    const complete = data.length > 0 && data.length % 16 === 0;
    const blocks = complete ? data.length / 16 : Math.floor(data.length / 16) + 1;
    const last = complete ? xor(data.subarray(data.length - 16), this.k1) : xor(padIso9797M2(data.subarray((blocks - 1) * 16), 16), this.k2);
    const cbc = this.cbc.encrypt(ZERO16, concat(data.subarray(0, (blocks - 1) * 16), last));
    return cbc.slice(cbc.length - 16);
  }
}

/** AES-CMAC (NIST SP 800-38B), full 16-byte tag; ICAO SM truncates it to 8. Pads internally. */
export function aesCmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new AesCmacKey(key).mac(data);
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
