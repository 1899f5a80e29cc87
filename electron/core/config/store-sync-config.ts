// The `store` and `sync` sections: where the check-in database and its data key live, how long personal
// data is kept after the central service accepted it, and how the outbox is drained.
//
//   store:
//     dataDir: /var/lib/kiosk           # database kiosk.db and key store.key inside, unless given
//     key: { provider: file }           # host mode; the Electron shell uses safe-storage
//     retention: { personalDataDays: 7 }
//   sync:
//     batchSize: 50
//     backoff: { baseSeconds: 1, capSeconds: 300 }
//     breaker: { failureThreshold: 5, openSeconds: 30, maxOpenSeconds: 300 }

import { z } from 'zod';
import { MAX_BATCH_ITEMS } from '../sync/central-client.ts';
import { pathSetting, seconds, strictSection } from './config-schema-parts.ts';

export const KEY_PROVIDERS = Object.freeze(['file', 'safe-storage'] as const);

/** The data key as a file only the kiosk's user may read (FileKeyProvider); default `<dataDir>/store.key`. */
const FileKeySchema = strictSection({
  provider: z.literal('file'),
  path: pathSetting.optional(),
  /** Create a fresh key on first start (a new kiosk); false makes a missing key an error. */
  create: z.boolean().default(true),
});

/** The data key sealed by the OS keystore through Electron's safeStorage (SafeStorageKeyProvider). */
const SafeStorageKeySchema = strictSection({
  provider: z.literal('safe-storage'),
  /** Default `<dataDir>/store.key.sealed`. */
  sealedKeyPath: pathSetting.optional(),
  create: z.boolean().default(true),
});

const KeySchema = z.discriminatedUnion('provider', [FileKeySchema, SafeStorageKeySchema]);

export const StoreSectionSchema = strictSection({
  /** The kiosk's data folder; KIOSK_DATA_DIR overrides it. */
  dataDir: pathSetting,
  /** Default `<dataDir>/kiosk.db`. */
  databasePath: pathSetting.optional(),
  key: KeySchema.default({ provider: 'file', create: true }),
  retention: strictSection({
    /** Personal data of a check-in is purged this long after the central service accepted it (0: at once). */
    personalDataDays: z.number().min(0).max(3650).default(7),
    sweepIntervalMinutes: z.int().min(1).max(24 * 60).default(60),
  }).prefault({}),
  /** How long a write waits for a lock held by another process (`kiosk queue`) before failing. */
  busyTimeoutMs: z.int().min(0).max(60_000).default(5_000),
});

export const SyncSectionSchema = strictSection({
  /** Check-ins per upload. */
  batchSize: z.int().min(1).max(MAX_BATCH_ITEMS).default(50),
  /** Exponential backoff with full jitter between failed uploads. */
  backoff: strictSection({
    baseSeconds: z.number().min(0.1).max(600).default(1),
    capSeconds: z.number().min(1).max(86_400).default(300),
  })
    .refine((b) => b.capSeconds >= b.baseSeconds, { error: 'must be at least baseSeconds', path: ['capSeconds'] })
    .prefault({}),
  /** Stop sending after this many consecutive failures, for openSeconds, doubling up to maxOpenSeconds. */
  breaker: strictSection({
    failureThreshold: z.int().min(1).max(100).default(5),
    openSeconds: seconds(1, 3600).default(30),
    maxOpenSeconds: seconds(1, 86_400).default(300),
  })
    .refine((b) => b.maxOpenSeconds >= b.openSeconds, { error: 'must be at least openSeconds', path: ['maxOpenSeconds'] })
    .prefault({}),
  /** A check-in the service refuses on its own this many times is dead-lettered for a technician. */
  maxRefusals: z.int().min(1).max(100).default(3),
  /** Longest idle wait before looking at the queue again (an enqueue wakes the engine at once). */
  pollSeconds: seconds(1, 3600).default(30),
});

export type StoreSectionInput = z.infer<typeof StoreSectionSchema>;
export type SyncConfig = z.infer<typeof SyncSectionSchema>;

/** The store section with every default path filled in (absolute once loaded from a file). */
export interface StoreConfig extends Omit<StoreSectionInput, 'databasePath' | 'key'> {
  readonly databasePath: string;
  readonly key: { readonly provider: 'file'; readonly path: string; readonly create: boolean } | { readonly provider: 'safe-storage'; readonly sealedKeyPath: string; readonly create: boolean };
}
