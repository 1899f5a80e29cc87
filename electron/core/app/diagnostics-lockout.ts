// The diagnostics PIN's lockout, per kiosk (across every session): consecutive wrong PINs are counted,
// and after `maxFailedTries` every try is refused unchecked for `lockoutMs`. The count and the end of a
// lockout are kept in a small JSON file in the data folder, so restarting the core (or pulling the
// plug) does not hand an attacker a fresh set of tries. The file is written atomically (temporary
// file, fsync, rename) with mode 0600; a file that cannot be read as ours counts as a lockout starting
// now, since a tampered file must not reset the count.

import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../../native/util/logger.ts';

/** The file's name inside the store's data folder. */
export const LOCKOUT_FILE_NAME = 'diagnostics-lockout.json';

const LockoutFileSchema = z.strictObject({
  version: z.literal(1),
  failures: z.number().int().nonnegative().max(1000),
  lockedUntil: z.number().int().nonnegative().nullable(),
});
type LockoutFile = z.infer<typeof LockoutFileSchema>;

export interface DiagnosticsLockoutOptions {
  /** `<store.dataDir>/diagnostics-lockout.json`. */
  readonly file: string;
  readonly maxFailedTries: number;
  readonly lockoutMs: number;
  readonly now?: () => number;
  readonly logger: Logger;
}

export type LockoutStatus = { readonly locked: false; readonly triesLeft: number } | { readonly locked: true; readonly retryAt: number };

export class DiagnosticsLockout {
  private failures: number;
  private lockedUntil: number | null;
  private readonly now: () => number;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: DiagnosticsLockoutOptions,
    state: LockoutFile,
  ) {
    this.now = options.now ?? Date.now;
    this.failures = state.failures;
    this.lockedUntil = state.lockedUntil;
  }

  /**
   * Reads the persisted state. A missing file is a fresh start; a file that is not valid JSON of the
   * expected shape (or cannot be read) is logged and counts as a lockout from now for `lockoutMs`,
   * written back at once. Never rejects.
   */
  static async open(options: DiagnosticsLockoutOptions): Promise<DiagnosticsLockout> {
    const now = (options.now ?? Date.now)();
    let state: LockoutFile = { version: 1, failures: 0, lockedUntil: null };
    let corrupt = false;
    try {
      const parsed = LockoutFileSchema.safeParse(JSON.parse(await readFile(options.file, 'utf8')));
      if (parsed.success) state = parsed.data;
      else corrupt = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') corrupt = true;
    }
    if (corrupt) {
      options.logger.warn({ event: 'diagnostics-lockout-file-corrupt', file: options.file, lockoutMs: options.lockoutMs }, 'the diagnostics lockout file is unreadable; locking the PIN for the lockout period');
      state = { version: 1, failures: options.maxFailedTries, lockedUntil: now + options.lockoutMs };
    } else if (state.lockedUntil !== null && state.lockedUntil > now + options.lockoutMs) {
      // A lockout ending later than one could (the clock went back, or the file was edited): cap it.
      state = { ...state, lockedUntil: now + options.lockoutMs };
    }
    const lockout = new DiagnosticsLockout(options, state);
    if (corrupt) await lockout.persist();
    return lockout;
  }

  /** Whether a PIN may be checked now, and how many wrong ones are left before the lockout. */
  status(): LockoutStatus {
    const now = this.now();
    if (this.lockedUntil !== null) {
      if (now < this.lockedUntil) return { locked: true, retryAt: this.lockedUntil };
      // The lockout is over: a fresh set of tries (persisted with the next change).
      this.lockedUntil = null;
      this.failures = 0;
    }
    return { locked: false, triesLeft: Math.max(0, this.options.maxFailedTries - this.failures) };
  }

  /** Counts a wrong PIN; the last allowed one starts the lockout. Resolves after the state is persisted. */
  async recordFailure(): Promise<LockoutStatus> {
    const before = this.status();
    if (before.locked) return before;
    this.failures += 1;
    if (this.failures >= this.options.maxFailedTries) this.lockedUntil = this.now() + this.options.lockoutMs;
    await this.persist();
    return this.status();
  }

  /** A right PIN: the count starts again. */
  async recordSuccess(): Promise<void> {
    if (this.failures === 0 && this.lockedUntil === null) return;
    this.failures = 0;
    this.lockedUntil = null;
    await this.persist();
  }

  /** Writes the state atomically; writes are serialised, and a failed write is logged, not thrown. */
  private persist(): Promise<void> {
    const state: LockoutFile = { version: 1, failures: this.failures, lockedUntil: this.lockedUntil };
    const next = this.writing.then(() => writeAtomically(this.options.file, `${JSON.stringify(state)}\n`));
    this.writing = next.catch((err: unknown) => {
      // The lockout still holds in memory; only a restart before the next good write could forget it.
      this.options.logger.error({ event: 'diagnostics-lockout-write-failed', file: this.options.file, error: (err as NodeJS.ErrnoException).code ?? String(err) }, 'could not persist the diagnostics lockout');
    });
    return this.writing;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw err;
  }
  await handle.close();
  await rename(temporary, file);
}
