// The part FileKeyProvider and SafeStorageKeyProvider share: one key, loaded from where the subclass keeps
// it on first use and held for the life of the provider. A failed load is not remembered, so a key file
// fixed after the error (chmod, keystore unlocked) is picked up by the next call.

import { dataKey, type DataKey, type KeyProvider } from './key-provider.ts';

export abstract class SingleKeyProvider implements KeyProvider {
  private key: DataKey | undefined;

  /** Rejects with whatever `load` throws (StoreError STORE_KEY_UNAVAILABLE); see the subclass for when. */
  currentKey(): Promise<DataKey> {
    try {
      this.key ??= dataKey(this.load());
      return Promise.resolve(this.key);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** The one key when `id` is its id; this provider holds no older keys. */
  async keyById(id: string): Promise<DataKey | undefined> {
    const key = await this.currentKey();
    return key.id === id ? key : undefined;
  }

  /** The raw 32-byte key. Throws StoreError STORE_KEY_UNAVAILABLE when it cannot be had or is unsafe. */
  protected abstract load(): Buffer;
}
