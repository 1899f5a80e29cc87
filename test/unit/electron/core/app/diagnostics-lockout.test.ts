// The diagnostics PIN lockout on its own: counting, the lockout period, and the file that carries both
// across restarts (atomic, 0600, a damaged file counts as a lockout).

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../../native/util/logger.ts';
import { DiagnosticsLockout, LOCKOUT_FILE_NAME } from '../../../../../electron/core/app/diagnostics-lockout.ts';

let dir: string;
let now: number;
const MINUTE = 60_000;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lockout-test-'));
  now = Date.UTC(2025, 4, 1, 8);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (): string => join(dir, 'data', LOCKOUT_FILE_NAME);
const open = (): Promise<DiagnosticsLockout> => DiagnosticsLockout.open({ file: file(), maxFailedTries: 3, lockoutMs: MINUTE, now: () => now, logger: silentLogger() });

describe('DiagnosticsLockout', () => {
  it('counts wrong PINs down and locks for the period after the last allowed one', async () => {
    const lockout = await open();
    expect(lockout.status()).toEqual({ locked: false, triesLeft: 3 });

    expect(await lockout.recordFailure()).toEqual({ locked: false, triesLeft: 2 });
    expect(await lockout.recordFailure()).toEqual({ locked: false, triesLeft: 1 });
    expect(await lockout.recordFailure()).toEqual({ locked: true, retryAt: now + MINUTE });

    now += MINUTE - 1;
    expect(lockout.status()).toEqual({ locked: true, retryAt: now + 1 });
    now += 1;
    expect(lockout.status()).toEqual({ locked: false, triesLeft: 3 });
  });

  it('starts the count again after a right PIN', async () => {
    const lockout = await open();
    await lockout.recordFailure();
    await lockout.recordFailure();
    await lockout.recordSuccess();
    expect(lockout.status()).toEqual({ locked: false, triesLeft: 3 });
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ version: 1, failures: 0, lockedUntil: null });
  });

  it('keeps the count and the lockout across a restart, in a file only the kiosk user can read', async () => {
    const first = await open();
    await first.recordFailure();
    expect((await open()).status()).toEqual({ locked: false, triesLeft: 2 });
    const second = await open();
    await second.recordFailure();
    await second.recordFailure();

    expect((await open()).status()).toEqual({ locked: true, retryAt: now + MINUTE });
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    // Written by rename: no temporary file is left beside it.
    expect(readdirSync(join(dir, 'data'))).toEqual([LOCKOUT_FILE_NAME]);
  });

  it.each([
    ['not JSON', '{"version":1,"failu'],
    ['another shape', JSON.stringify({ version: 1, failures: -1, lockedUntil: null })],
    ['an unknown field', JSON.stringify({ version: 1, failures: 0, lockedUntil: null, reset: true })],
  ])('counts a file that is %s as a lockout from now, and writes a sound one', async (_what, text) => {
    mkdirSync(join(dir, 'data'));
    writeFileSync(file(), text);

    const lockout = await open();

    expect(lockout.status()).toEqual({ locked: true, retryAt: now + MINUTE });
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ version: 1, failures: 3, lockedUntil: now + MINUTE });
  });

  it('caps a lockout that would end later than one period from now (a clock set back, an edited file)', async () => {
    mkdirSync(join(dir, 'data'));
    writeFileSync(file(), JSON.stringify({ version: 1, failures: 3, lockedUntil: now + 1000 * MINUTE }));

    expect((await open()).status()).toEqual({ locked: true, retryAt: now + MINUTE });
  });
});
