import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../native/util/logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('names the writing process in `service`, untouched by the redaction', () => {
    const { lines, destination } = capture();
    createLogger({ name: 'kiosk-core', destination }).info({ event: 'started' }, 'core started');
    expect(lines[0]).toMatchObject({ service: 'kiosk-core', event: 'started', msg: 'core started' });
  });

  it('redacts personal fields at the top level and two levels down', () => {
    const { lines, destination } = capture();
    createLogger({ destination }).warn({ name: 'NGUYỄN VĂN THỬ', holder: { documentNumber: '099012345' }, read: { person: { dob: '1999-01-01' } }, code: 'X' }, 'read');
    const text = JSON.stringify(lines[0]);
    for (const secret of ['NGUYỄN', '099012345', '1999-01-01']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ name: '[redacted]', holder: { documentNumber: '[redacted]' }, code: 'X' });
  });
});
