// AES-256-GCM for the personal column. Layout of a sealed field: version (1 byte, 0x01) | nonce (12) |
// tag (16) | ciphertext. The AAD binds the ciphertext to its row and column (idempotency key + column
// name), so a ciphertext copied into another row or column fails authentication instead of decrypting.

import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { DataKey } from './key-provider.ts';
import { StoreError } from './store-error.ts';

const VERSION = 0x01;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES + TAG_BYTES;

// One KeyObject per data key: importing the raw key for every field costs more than the field itself.
const keyObjects = new WeakMap<DataKey, KeyObject>();

function keyObjectOf(key: DataKey): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = createSecretKey(key.key);
    keyObjects.set(key, object);
  }
  return object;
}

function aadOf(rowKey: string, column: string): Buffer {
  return Buffer.from(`${rowKey}\u0000${column}`, 'utf8');
}

/** Encrypts `plaintext` under `key` with a fresh random 96-bit nonce. */
export function sealField(key: DataKey, plaintext: Uint8Array, rowKey: string, column: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyObjectOf(key), nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadOf(rowKey, column));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), nonce, cipher.getAuthTag(), body]);
}

/** Decrypts a sealed field. Throws STORE_DECRYPT_FAILED on a wrong key, tampering, truncation or wrong row. */
export function openField(key: DataKey, sealed: Uint8Array, rowKey: string, column: string): Buffer {
  if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) {
    throw new StoreError('STORE_DECRYPT_FAILED', `sealed ${column} field is malformed (${sealed.length} bytes)`, { step: 'store.decrypt' });
  }
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyObjectOf(key), bytes.subarray(1, 1 + NONCE_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(aadOf(rowKey, column));
    decipher.setAuthTag(bytes.subarray(1 + NONCE_BYTES, HEADER_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]);
  } catch (err) {
    throw new StoreError('STORE_DECRYPT_FAILED', `sealed ${column} field failed authentication (wrong key or tampered)`, { step: 'store.decrypt', cause: err });
  }
}
