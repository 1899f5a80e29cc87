// The Electron shell's data key: 32 random bytes sealed by the OS keystore through Electron's safeStorage
// (DPAPI, Keychain, libsecret) and kept sealed in a file. The shell passes `safeStorage` in; electron/core
// never imports electron, and tests pass a mock.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DATA_KEY_BYTES } from './key-provider.ts';
import { SingleKeyProvider } from './single-key-provider.ts';
import { StoreError } from './store-error.ts';

/** The part of Electron's `safeStorage` this provider uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface SafeStorageKeyProviderOptions {
  readonly safeStorage: SafeStorageLike;
  /** Where the sealed key is kept (e.g. in app.getPath('userData')). */
  readonly sealedKeyPath: string;
  /** Create and seal a fresh key when the file does not exist (default false). */
  readonly create?: boolean;
}

export class SafeStorageKeyProvider extends SingleKeyProvider {
  constructor(private readonly options: SafeStorageKeyProviderOptions) {
    super();
  }

  /** Throws STORE_KEY_UNAVAILABLE: keystore unavailable, sealed file missing (without `create`) or unreadable. */
  protected load(): Buffer {
    const { safeStorage, sealedKeyPath, create } = this.options;
    if (!safeStorage.isEncryptionAvailable()) {
      throw new StoreError('STORE_KEY_UNAVAILABLE', 'the OS keystore (safeStorage) is not available, so the store key cannot be unsealed', { step: 'store.key' });
    }
    let sealed: Buffer;
    try {
      sealed = readFileSync(sealedKeyPath);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && create) return this.createKey();
      throw new StoreError('STORE_KEY_UNAVAILABLE', `the sealed store key ${sealedKeyPath} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`}`, {
        step: 'store.key',
        cause: err,
      });
    }
    let key: Buffer;
    try {
      key = Buffer.from(safeStorage.decryptString(sealed), 'base64');
    } catch (err) {
      throw new StoreError('STORE_KEY_UNAVAILABLE', `the OS keystore could not unseal ${sealedKeyPath}`, { step: 'store.key', cause: err });
    }
    if (key.length !== DATA_KEY_BYTES) {
      throw new StoreError('STORE_KEY_UNAVAILABLE', `the sealed store key ${sealedKeyPath} unsealed to ${key.length} bytes; a key is exactly ${DATA_KEY_BYTES}`, { step: 'store.key' });
    }
    return key;
  }

  private createKey(): Buffer {
    const { safeStorage, sealedKeyPath } = this.options;
    const key = randomBytes(DATA_KEY_BYTES);
    try {
      mkdirSync(dirname(sealedKeyPath), { recursive: true, mode: 0o700 });
      const temporary = `${sealedKeyPath}.${process.pid}.tmp`;
      writeFileSync(temporary, safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flush: true });
      renameSync(temporary, sealedKeyPath);
    } catch (err) {
      throw new StoreError('STORE_KEY_UNAVAILABLE', `cannot seal a new store key into ${sealedKeyPath}`, { step: 'store.key', cause: err });
    }
    return key;
  }
}
