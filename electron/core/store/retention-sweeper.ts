// Runs the retention purge on a schedule: personal data of check-ins accepted longer ago than the
// configured retention is cleared, hourly by default and once at start. Counts, non-personal columns and
// the audit log stay (CheckInStore.purgeExpired). A failed sweep is logged and tried again next time.

import { KioskError } from '../../../native/hal/errors.ts';
import type { Logger } from '../../../native/util/logger.ts';
import type { CheckInStore } from './check-in-store.ts';

export interface RetentionSweeperOptions {
  readonly store: Pick<CheckInStore, 'purgeExpired'>;
  /** How long personal data is kept after the service accepted the check-in. */
  readonly retentionMs: number;
  /** Time between sweeps (default 1 hour). */
  readonly intervalMs?: number;
  readonly logger?: Logger;
}

export class RetentionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly options: RetentionSweeperOptions) {
    if (!Number.isFinite(options.retentionMs) || options.retentionMs < 0) {
      throw new KioskError('CONFIG_INVALID', 'the retention period must be a non-negative number of milliseconds', { step: 'store.retention' });
    }
  }

  /** Sweeps now and then every `intervalMs` until stop(). */
  start(): void {
    if (this.timer) return;
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs ?? 3_600_000);
    this.timer.unref();
  }

  /** One sweep; resolves with how many check-ins were purged (0 after a failure, which is logged). */
  sweep(): Promise<number> {
    this.running ??= this.options.store
      .purgeExpired(this.options.retentionMs)
      .then((purged) => {
        if (purged > 0) this.options.logger?.info({ purged }, 'personal data of accepted check-ins purged');
        return purged;
      })
      .catch((err: unknown) => {
        this.options.logger?.error({ code: (err as { code?: string }).code ?? 'unknown' }, 'retention purge failed');
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
