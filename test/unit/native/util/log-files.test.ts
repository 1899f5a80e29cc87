// Log files in a real temporary folder: a process's logs rotate past the size limit, keep at most
// maxFiles of that service (an earlier run's files included), stay apart from another service's, and
// still redact personal fields; without a directory, or with one that cannot be written, logs go to
// stderr.

import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProcessLogger, openProcessLoggerOrStderr, type LogSettings } from '../../../../native/util/log-files.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'log-files-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const settings = (overrides: Partial<LogSettings> = {}): LogSettings => ({ level: 'info', directory: dir, rotation: { maxSizeMb: 10, maxFiles: 3 }, ...overrides });
const filesOf = (service: string) => readdirSync(dir).filter((n) => n.startsWith(`${service}.`)).sort();
const linesOf = (file: string) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

/** Writes `count` lines of about 200 bytes, letting the stream drain now and then so it can roll. */
async function writeLines(log: { logger: { info(o: object, m: string): void } }, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i += 1) {
    log.logger.info({ event: 'test-line', n: i, padding: 'x'.repeat(120) }, 'a line of the rotation test');
    if (i % 5 === 4) await new Promise((r) => setTimeout(r, 2));
  }
}

describe('openProcessLogger', () => {
  it('writes structured lines into <directory>/<service>.<n>.log', async () => {
    const log = await openProcessLogger({ service: 'kiosk-core', logging: settings() });
    log.logger.info({ event: 'core-ready', port: 41000 }, 'the core is ready');
    await log.close();
    expect(filesOf('kiosk-core')).toEqual(['kiosk-core.1.log']);
    expect(log.file()).toBe(join(dir, 'kiosk-core.1.log'));
    expect(linesOf('kiosk-core.1.log')[0]).toMatchObject({ service: 'kiosk-core', event: 'core-ready', port: 41000, level: 30 });
    expect(statSync(join(dir, 'kiosk-core.1.log')).mode & 0o777).toBe(0o640);
  });

  it('rolls to a new file past the size limit and keeps at most maxFiles, earlier runs included', async () => {
    // A previous run of the same service left files behind: they count too.
    writeFileSync(join(dir, 'kiosk-core.1.log'), `${JSON.stringify({ level: 30, time: 1, service: 'kiosk-core', msg: 'old run' })}\n`);
    const log = await openProcessLogger({ service: 'kiosk-core', logging: settings(), maxSizeBytes: 2048 });
    await writeLines(log, 120);
    await log.close();
    const files = filesOf('kiosk-core');
    expect(files.length).toBe(3);
    // The numbering goes on from the highest file, and the oldest files are the ones removed.
    const numbers = files.map((f) => Number(/\.(\d+)\.log$/.exec(f)![1])).sort((a, b) => a - b);
    expect(numbers[0]).toBeGreaterThan(3);
    expect(numbers).toEqual([numbers[0], numbers[0]! + 1, numbers[0]! + 2]);
    for (const file of files) expect(statSync(join(dir, file)).size).toBeLessThan(2048 + 1024);
    // Nothing recent is lost to a roll: the kept files end with the newest lines, in order (a roll
    // right after the last write may leave the newest file still empty).
    const kept = numbers.flatMap((n) => linesOf(`kiosk-core.${n}.log`)).map((l) => l.n);
    expect(kept.at(-1)).toBe(119);
    expect(kept).toEqual([...kept].sort((a, b) => (a as number) - (b as number)));
    expect(kept.length).toBeGreaterThan(10);
  });

  it("leaves another service's files alone when it rotates", async () => {
    const shell = await openProcessLogger({ service: 'kiosk-shell', logging: settings() });
    shell.logger.info({ event: 'shell-started' }, 'started');
    await shell.close();
    const core = await openProcessLogger({ service: 'kiosk-core', logging: settings({ rotation: { maxSizeMb: 1, maxFiles: 1 } }), maxSizeBytes: 1024 });
    await writeLines(core, 60);
    await core.close();
    expect(filesOf('kiosk-shell')).toHaveLength(1);
    expect(filesOf('kiosk-core')).toHaveLength(1);
  });

  it('keeps redacting personal fields in the files', async () => {
    const log = await openProcessLogger({ service: 'kiosk-core', logging: settings({ level: 'debug' }) });
    log.logger.debug({ holder: { fullName: 'NGUYỄN VĂN THỬ', idNumber: '001099012345' }, code: 'READ_OK' }, 'read');
    await log.close();
    const text = readFileSync(join(dir, 'kiosk-core.1.log'), 'utf8');
    expect(text).toContain('READ_OK');
    for (const personal of ['NGUYỄN', '001099012345']) expect(text).not.toContain(personal);
  });

  it('logs to stderr without a directory', async () => {
    const log = await openProcessLogger({ service: 'kiosk-core', logging: settings({ directory: undefined }) });
    expect(log.file()).toBeNull();
    await log.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a service name that is no plain file name', async () => {
    await expect(openProcessLogger({ service: '../evil', logging: settings() })).rejects.toThrow(RangeError);
  });
});

describe('openProcessLoggerOrStderr', () => {
  it('falls back to stderr when the directory cannot be written', async () => {
    const blocked = join(dir, 'blocked');
    // A file where the directory should be: no user, root included, can create a folder under it.
    writeFileSync(blocked, '');
    chmodSync(blocked, 0o400);
    const log = await openProcessLoggerOrStderr({ service: 'kiosk-core', logging: settings({ directory: join(blocked, 'logs') }) });
    expect(log.file()).toBeNull();
    await log.close();
  });
});
