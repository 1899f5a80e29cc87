// The `sync` event (queue counts and sync state, no personal data) after each enqueue and sync pass, at
// most once a second: a drain of hundreds of check-ins must not flood the screens with events. A change
// inside the quiet period is sent when it ends, so the last state always arrives.

import type { Disposable } from '../../../native/hal/event.ts';
import type { Logger } from '../../../native/util/logger.ts';
import type { CoreEvent, QueueView, SyncView } from '../../contract/index.ts';

export interface SyncEventsOptions {
  readonly queueView: () => Promise<QueueView>;
  readonly syncView: () => SyncView;
  readonly publish: (event: CoreEvent) => void;
  /** Shortest time between two events (default 1 s). */
  readonly minIntervalMs?: number;
  readonly logger: Logger;
}

export class SyncEvents implements Disposable {
  private lastSentAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private sending = false;
  private again = false;
  private disposed = false;

  constructor(private readonly options: SyncEventsOptions) {}

  /** Something changed: an event follows now, or when the quiet period ends. */
  changed(): void {
    if (this.disposed || this.timer) return;
    const wait = Math.max(0, this.lastSentAt + (this.options.minIntervalMs ?? 1000) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.send();
    }, wait);
    this.timer.unref();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async send(): Promise<void> {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    this.lastSentAt = Date.now();
    try {
      const queue = await this.options.queueView();
      if (!this.disposed) this.options.publish({ kind: 'sync', queue, sync: this.options.syncView() });
    } catch (err) {
      this.options.logger.warn({ event: 'sync-event-failed', code: (err as { code?: string }).code ?? (err instanceof Error ? err.name : 'unknown') }, 'could not report the queue');
    } finally {
      this.sending = false;
      if (this.again) {
        this.again = false;
        this.changed();
      }
    }
  }
}
