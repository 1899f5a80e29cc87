// What the simulated central service received, kept in a JSON-lines file so that it survives a restart
// of the simulator: one line per accepted check-in, appended and fdatasync'ed before the service
// answers. A line cut short by a crash is skipped on load (it was never acknowledged).

import { mkdirSync, readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckInRecord } from '../../central/check-in-record.ts';

export interface StoredCheckIn {
  readonly idempotencyKey: string;
  /** The kiosk whose key signed the upload. */
  readonly kioskId: string;
  readonly receivedAt: string;
  readonly record: CheckInRecord;
}

export const CHECK_INS_FILE = 'check-ins.jsonl';

export class CentralStore {
  private readonly byKey = new Map<string, StoredCheckIn>();
  private readonly pending = new Map<string, Promise<boolean>>();
  private handle: FileHandle | undefined;
  private tail: Promise<void> = Promise.resolve();
  /** Lines that did not parse on load (a write cut short by a crash). */
  readonly skippedLines: number;

  private constructor(
    private readonly file: string,
    private readonly durable: boolean,
    skipped: number,
  ) {
    this.skippedLines = skipped;
  }

  /** Opens (creating) the store in `dir` and loads what it holds. */
  static async open(dir: string, options: { readonly durable?: boolean } = {}): Promise<CentralStore> {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, CHECK_INS_FILE);
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const entries: StoredCheckIn[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        entries.push(JSON.parse(line) as StoredCheckIn);
      } catch {
        skipped += 1;
      }
    }
    const store = new CentralStore(file, options.durable ?? true, skipped);
    for (const entry of entries) store.byKey.set(entry.idempotencyKey, entry);
    store.handle = await open(file, 'a');
    // A torn last line must not glue itself to the next append.
    if (text.length > 0 && !text.endsWith('\n')) await store.handle.write('\n');
    return store;
  }

  has(idempotencyKey: string): boolean {
    return this.byKey.has(idempotencyKey);
  }

  get size(): number {
    return this.byKey.size;
  }

  all(): readonly StoredCheckIn[] {
    return [...this.byKey.values()];
  }

  /**
   * Records new check-ins (the caller has checked they are new) and resolves once they are on disk;
   * rejects when the write fails, and then forgets them. They count as present at once, so that a
   * concurrent duplicate is recognised; it must then `whenStored` before it answers.
   */
  add(entries: readonly StoredCheckIn[]): Promise<void> {
    const handle = this.handle;
    if (!handle) return Promise.reject(new Error('central store is closed'));
    if (entries.length === 0) return Promise.resolve();
    for (const entry of entries) this.byKey.set(entry.idempotencyKey, entry);
    const text = entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
    const write = this.tail.then(async () => {
      await handle.write(text);
      if (this.durable) await handle.datasync();
    });
    this.tail = write.catch(() => undefined);
    const done = write.then(
      () => {
        for (const entry of entries) this.pending.delete(entry.idempotencyKey);
      },
      (err: unknown) => {
        for (const entry of entries) {
          this.pending.delete(entry.idempotencyKey);
          this.byKey.delete(entry.idempotencyKey);
        }
        throw err;
      },
    );
    const settled = done.then(() => true, () => false);
    for (const entry of entries) this.pending.set(entry.idempotencyKey, settled);
    return done;
  }

  /** Resolves true once `idempotencyKey` is on disk, false if its write failed (it is then absent). */
  whenStored(idempotencyKey: string): Promise<boolean> {
    return this.pending.get(idempotencyKey) ?? Promise.resolve(this.byKey.has(idempotencyKey));
  }

  async close(): Promise<void> {
    await this.tail.catch(() => undefined);
    await this.handle?.close();
    this.handle = undefined;
  }
}
