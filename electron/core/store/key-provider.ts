// Where the store's data key comes from. The Node host reads a key file (FileKeyProvider); the Electron
// shell unwraps a key sealed by the OS keystore (SafeStorageKeyProvider). Either way the store sees a
// 32-byte AES-256 key and its id; a missing or unusable key is a StoreError, never plaintext.

import { createHmac } from 'node:crypto';

export const DATA_KEY_BYTES = 32;

export interface DataKey {
  /** Derived from the key (not secret): stored beside each ciphertext so rotated keys can be found. */
  readonly id: string;
  readonly key: Buffer;
}

export interface KeyProvider {
  /**
   * The key new ciphertext is written with. Throws StoreError STORE_KEY_UNAVAILABLE when the key cannot
   * be read or is unsafe (wrong length, readable by others, keystore unavailable).
   */
  currentKey(): Promise<DataKey>;
  /** A key by id, for ciphertext written before a rotation; undefined when this provider does not hold it. */
  keyById(id: string): Promise<DataKey | undefined>;
}

/** A key's id: 16 hex digits of HMAC-SHA-256(key, label). Reveals nothing usable about the key. */
export function keyIdOf(key: Uint8Array): string {
  return createHmac('sha256', key).update('kiosk-store-data-key-id').digest('hex').slice(0, 16);
}

export function dataKey(key: Buffer): DataKey {
  return Object.freeze({ id: keyIdOf(key), key });
}

/** A provider over keys already in memory: the current one first, older ones for reading. Tests, rotation. */
export class StaticKeyProvider implements KeyProvider {
  private readonly keys: readonly DataKey[];

  constructor(current: Buffer, ...previous: Buffer[]) {
    this.keys = [current, ...previous].map((k) => dataKey(k));
  }

  currentKey(): Promise<DataKey> {
    return Promise.resolve(this.keys[0]!);
  }

  keyById(id: string): Promise<DataKey | undefined> {
    return Promise.resolve(this.keys.find((k) => k.id === id));
  }
}
