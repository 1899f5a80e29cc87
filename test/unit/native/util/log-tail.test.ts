// The recent logs of a diagnostics report, read from real files in a temporary folder: the window's
// lines of every service merged by time, the newest kept within the budget, old files and foreign
// lines left out, and the second redaction pass over what pino's first one cannot see.

import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CENSOR, readLogTail, scrubLogLine } from '../../../../native/util/log-tail.ts';

const NOW = Date.UTC(2025, 4, 1, 12, 0, 0);
const HOUR = 3_600_000;
let dir: string;

const line = (time: number, fields: Record<string, unknown> = {}) => JSON.stringify({ level: 30, time, pid: 1, service: 'kiosk-core', msg: 'x', ...fields });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'log-tail-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('scrubLogLine', () => {
  it('blanks personal fields at any depth, whatever their case', () => {
    const scrubbed = scrubLogLine(line(NOW, { a: { b: { c: { d: { fullName: 'NGUYỄN VĂN THỬ', FatherName: 'NGUYỄN VĂN A' } } } }, code: 'READ_OK' }));
    expect(scrubbed?.text).not.toContain('NGUYỄN');
    expect(JSON.parse(scrubbed!.text)).toMatchObject({ a: { b: { c: { d: { fullName: CENSOR, FatherName: CENSOR } } } }, code: 'READ_OK', service: 'kiosk-core', time: NOW });
  });

  it('blanks ID numbers, MRZ text and CCCD QR text under harmless field names', () => {
    const scrubbed = scrubLogLine(
      line(NOW, {
        msg: 'read 001099012345 ok',
        detail: 'IDVNM0990123458001099012345<<2',
        raw: '001099012345|099012345|Nguyễn Văn Thử|01011999|Nam|Hà Nội|01012021',
        port: 41000,
        sw: '6982',
      }),
    );
    const text = scrubbed!.text;
    for (const personal of ['001099012345', '099012345', 'Nguyễn Văn Thử', 'IDVNM']) expect(text).not.toContain(personal);
    expect(JSON.parse(text)).toMatchObject({ msg: `read ${CENSOR} ok`, raw: CENSOR, port: 41000, sw: '6982' });
  });

  it('drops what is no log object', () => {
    for (const bad of ['', 'plain text 001099012345', '[1,2]', '{"msg":"no time"}', `{"time":1,"x":"${'a'.repeat(20_000)}"}`]) expect(scrubLogLine(bad)).toBeNull();
  });
});

describe('readLogTail', () => {
  it('merges the services by time and keeps only the window', async () => {
    writeFileSync(join(dir, 'kiosk-core.3.log'), [line(NOW - 7 * HOUR, { n: 0 }), line(NOW - 2 * HOUR, { n: 1 }), line(NOW - 1000, { n: 4 })].join('\n') + '\n');
    writeFileSync(join(dir, 'kiosk-shell.1.log'), [line(NOW - HOUR, { n: 2, service: 'kiosk-shell' }), line(NOW - 2000, { n: 3, service: 'kiosk-shell' }), 'not json'].join('\n') + '\n');
    writeFileSync(join(dir, 'notes.txt'), line(NOW - 10));
    const tail = await readLogTail({ directory: dir, now: NOW });
    expect(tail.lines.map((l) => (JSON.parse(l) as { n: number }).n)).toEqual([1, 2, 3, 4]);
    expect(tail).toMatchObject({ linesOmitted: 0, linesDropped: 1, unreadable: [], since: '2025-05-01T06:00:00.000Z', until: '2025-05-01T12:00:00.000Z' });
  });

  it('skips files last written before the window', async () => {
    const old = join(dir, 'kiosk-core.1.log');
    writeFileSync(old, line(NOW - 10) + '\n');
    utimesSync(old, new Date(NOW - 8 * HOUR), new Date(NOW - 8 * HOUR));
    expect((await readLogTail({ directory: dir, now: NOW })).lines).toEqual([]);
  });

  it('keeps the newest lines within the budget', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => line(NOW - (100 - i) * 1000, { n: i }));
    writeFileSync(join(dir, 'kiosk-core.1.log'), lines.join('\n') + '\n');
    const tail = await readLogTail({ directory: dir, now: NOW, maxChars: 10 * (lines[99]!.length + 4) + 2 });
    expect(tail.lines.map((l) => (JSON.parse(l) as { n: number }).n)).toEqual([90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
    expect(tail.linesOmitted).toBe(90);
  });

  it('gives no lines, and says why, for a missing directory', async () => {
    const tail = await readLogTail({ directory: join(dir, 'none'), now: NOW });
    expect(tail.lines).toEqual([]);
    expect(tail.unreadable).toEqual(['.: ENOENT']);
  });
});
