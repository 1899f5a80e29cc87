// The config's sections in the units and shapes the core's modules take, so the composition root wires
// them without arithmetic of its own: seconds become milliseconds here, once.

import type { RetentionSweeperOptions } from '../store/retention-sweeper.ts';
import type { SyncEngineOptions } from '../sync/sync-engine.ts';
import type { StoreConfig, SyncConfig } from './store-sync-config.ts';

const SECOND = 1000;
const DAY = 86_400_000;

/** SyncEngine's tuning from the `sync` section. */
export function syncEngineOptions(sync: SyncConfig): Required<Pick<SyncEngineOptions, 'batchSize' | 'backoff' | 'breaker' | 'maxRefusals' | 'pollMs'>> {
  return {
    batchSize: sync.batchSize,
    backoff: { baseMs: Math.round(sync.backoff.baseSeconds * SECOND), capMs: Math.round(sync.backoff.capSeconds * SECOND) },
    breaker: { failureThreshold: sync.breaker.failureThreshold, openMs: sync.breaker.openSeconds * SECOND, maxOpenMs: sync.breaker.maxOpenSeconds * SECOND },
    maxRefusals: sync.maxRefusals,
    pollMs: sync.pollSeconds * SECOND,
  };
}

/** RetentionSweeper's schedule from the `store` section. */
export function retentionOptions(store: StoreConfig): Required<Pick<RetentionSweeperOptions, 'retentionMs' | 'intervalMs'>> {
  return { retentionMs: Math.round(store.retention.personalDataDays * DAY), intervalMs: store.retention.sweepIntervalMinutes * 60 * SECOND };
}
