// What the composition root reads from disk before anything runs: the store's data key provider (a 0600
// key file in host mode, the OS keystore through Electron's safeStorage in the shell) and the CSCA trust
// store. Problems are logged as counts and codes; nothing here holds personal data.

import { loadTrustStore, type TrustStore } from '../../../native/card/pa/trust-store.ts';
import type { Logger } from '../../../native/util/logger.ts';
import type { StoreConfig } from '../config/store-sync-config.ts';
import { FileKeyProvider } from '../store/file-key-provider.ts';
import type { KeyProvider } from '../store/key-provider.ts';
import { SafeStorageKeyProvider, type SafeStorageLike } from '../store/safe-storage-key-provider.ts';
import { StoreError } from '../store/store-error.ts';

/**
 * The key provider the `store.key` section names. Throws StoreError STORE_KEY_UNAVAILABLE for
 * `safe-storage` without Electron's safeStorage (the browser shell has no OS keystore).
 */
export function coreKeyProvider(store: StoreConfig, safeStorage: SafeStorageLike | undefined): KeyProvider {
  const key = store.key;
  if (key.provider === 'file') return new FileKeyProvider({ path: key.path ?? `${store.dataDir}/store.key`, create: key.create });
  if (!safeStorage) {
    throw new StoreError('STORE_KEY_UNAVAILABLE', 'store.key.provider is safe-storage, which only the Electron shell provides; use provider: file in host mode', { step: 'store.key' });
  }
  return new SafeStorageKeyProvider({ safeStorage, sealedKeyPath: key.sealedKeyPath ?? `${store.dataDir}/store.key.sealed`, create: key.create });
}

/** The CSCA trust store of `trustStore.path`; files it could not use are logged (never fatal: PA then fails). */
export async function coreTrustStore(path: string, logger: Logger): Promise<TrustStore> {
  const trustStore = await loadTrustStore(path);
  const refused = trustStore.report.filter((r) => r.status !== 'loaded');
  logger.info({ event: 'trust-store-loaded', certificates: trustStore.certificates.length, refusedFiles: refused.length }, 'CSCA trust store loaded');
  if (trustStore.certificates.length === 0) logger.warn({ event: 'trust-store-empty' }, 'the CSCA trust store holds no certificate: passive authentication will fail');
  return trustStore;
}
