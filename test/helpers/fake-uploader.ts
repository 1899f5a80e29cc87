// An in-memory CheckInUploader standing in for the central service: it deduplicates by idempotency key
// like the service must, counts every delivery, and fails on command (a queue of scripted failures or
// a function deciding per batch), including "accepted but the reply was lost".
import type { CheckInRecord } from '../../native/central/check-in-record.ts';
import { SyncTransportError, type CheckInUploader, type SyncItem, type SyncOutcome } from '../../electron/core/sync/sync-transport.ts';

export type ScriptedReply = SyncTransportError | 'lose-reply' | ((items: readonly SyncItem[]) => readonly SyncOutcome[] | undefined);

export class FakeUploader implements CheckInUploader {
  /** What the service holds: one record per idempotency key. */
  readonly held = new Map<string, CheckInRecord>();
  /** How many times each key was delivered (a resend after a lost reply counts twice here, once in `held`). */
  readonly deliveries = new Map<string, number>();
  readonly batches: number[] = [];
  private readonly script: ScriptedReply[] = [];
  /** Reason to reject a record with, or undefined to accept it. */
  rejectWhen: (record: CheckInRecord) => string | undefined = () => undefined;

  /** Queues replies for the next uploads, in order; when the queue is empty uploads succeed. */
  then(...replies: ScriptedReply[]): this {
    this.script.push(...replies);
    return this;
  }

  async upload(items: readonly SyncItem[]): Promise<readonly SyncOutcome[]> {
    await Promise.resolve();
    this.batches.push(items.length);
    const reply = this.script.shift();
    if (reply instanceof SyncTransportError) throw reply;
    if (typeof reply === 'function') {
      const custom = reply(items);
      if (custom) return custom;
    }
    const outcomes = items.map((item) => this.receive(item));
    if (reply === 'lose-reply') throw new SyncTransportError('timeout', 'reply lost after the service committed');
    return outcomes;
  }

  private receive({ idempotencyKey, record }: SyncItem): SyncOutcome {
    this.deliveries.set(idempotencyKey, (this.deliveries.get(idempotencyKey) ?? 0) + 1);
    if (this.held.has(idempotencyKey)) return { idempotencyKey, status: 'duplicate' };
    const reason = this.rejectWhen(record);
    if (reason !== undefined) return { idempotencyKey, status: 'rejected', reason };
    this.held.set(idempotencyKey, record);
    return { idempotencyKey, status: 'accepted' };
  }
}
