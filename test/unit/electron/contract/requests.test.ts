import { describe, expect, it } from 'vitest';
import {
  CLIENT_REQUEST_TYPES,
  ContractViolationError,
  encodeClientMessage,
  MAX_CLIENT_MESSAGE_BYTES,
  parseClientMessage,
  type ClientRequest,
} from '../../../../electron/contract/index.ts';

/** One valid request of every type. */
const SAMPLES: readonly ClientRequest[] = [
  { type: 'hello', id: 'h1', version: 1, role: 'screen', client: 'renderer 0.1.0' },
  { type: 'hello', id: 'h2', version: 1, token: 'abc' },
  { type: 'ping', id: 'p1' },
  { type: 'flow.start', id: 'r1' },
  { type: 'flow.presentCard', id: 'r2' },
  { type: 'flow.useQr', id: 'r3' },
  { type: 'flow.chooseLanguage', id: 'r4', language: 'zh' },
  { type: 'flow.chooseDepartment', id: 'r5', departmentId: 'internal-medicine' },
  { type: 'flow.skipFingerprint', id: 'r6' },
  { type: 'flow.confirm', id: 'r7' },
  { type: 'flow.back', id: 'r8' },
  { type: 'flow.cancel', id: 'r9' },
  { type: 'flow.retry', id: 'r10' },
  { type: 'flow.activity', id: 'r11' },
  { type: 'diagnostics.unlock', id: 'd1', pin: '246810' },
  { type: 'diagnostics.lock', id: 'd2' },
  { type: 'diagnostics.refresh', id: 'd3' },
  { type: 'diagnostics.selfTest', id: 'd4', deviceId: 'printer' },
  { type: 'diagnostics.export', id: 'd5' },
  { type: 'demo.insertCard', id: 's1', profile: 'cccd', tampered: true },
  { type: 'demo.removeCard', id: 's2' },
  { type: 'demo.scanDocument', id: 's3', kind: 'qr', profile: 'cccd' },
  { type: 'demo.placeFinger', id: 's4', outcome: 'mismatch' },
  { type: 'demo.setCentral', id: 's5', online: false },
  { type: 'demo.setPrinter', id: 's6', paper: 'out' },
];

function refusal(text: string) {
  const parsed = parseClientMessage(text);
  if (parsed.ok) throw new Error(`expected a refusal of ${text}`);
  return parsed;
}

describe('client requests', () => {
  it('covers every request type with a sample', () => {
    expect(new Set(SAMPLES.map((s) => s.type))).toEqual(new Set(CLIENT_REQUEST_TYPES));
  });

  it.each(SAMPLES.map((s) => [s.type, s] as const))('round-trips %s through encode and parse', (_type, sample) => {
    const parsed = parseClientMessage(encodeClientMessage(sample));
    expect(parsed).toEqual({ ok: true, request: sample });
  });

  it.each(SAMPLES.map((s) => [s.type, s] as const))('refuses %s with an unknown field, naming the field', (_type, sample) => {
    const parsed = refusal(JSON.stringify({ ...sample, extra: 1 }));
    expect(parsed.error.code).toBe('BAD_MESSAGE');
    expect(parsed.id).toBe(sample.id);
    expect(parsed.error.issues?.some((i) => i.problem.includes('extra'))).toBe(true);
  });

  it('refuses a request without an id, answering with a null id', () => {
    const parsed = refusal('{"type":"flow.start"}');
    expect(parsed).toMatchObject({ id: null, error: { code: 'BAD_MESSAGE', issues: [{ path: 'id' }] } });
  });

  it('refuses a type this contract version does not know with UNKNOWN_TYPE and keeps the id', () => {
    expect(refusal('{"type":"flow.teleport","id":"x1"}')).toMatchObject({ id: 'x1', error: { code: 'UNKNOWN_TYPE' } });
  });

  it('refuses text that is not JSON with BAD_JSON', () => {
    expect(refusal('{"type":').error.code).toBe('BAD_JSON');
  });

  it.each([['an array', '[1,2]'], ['a string', '"hello"'], ['null', 'null'], ['a number', '42']])('refuses %s as a message', (_what, text) => {
    expect(refusal(text).error.code).toBe('BAD_MESSAGE');
  });

  it('refuses a frame over the size limit before parsing it', () => {
    const big = JSON.stringify({ type: 'ping', id: 'p', pad: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) });
    expect(refusal(big).error.code).toBe('TOO_LARGE');
  });

  it('counts the limit in UTF-8 bytes, not characters', () => {
    const chars = Math.ceil(MAX_CLIENT_MESSAGE_BYTES / 3) + 10; // each '越' is 3 bytes
    expect(refusal(JSON.stringify({ type: 'ping', id: 'p', pad: '越'.repeat(chars) })).error.code).toBe('TOO_LARGE');
  });

  it('refuses deeply nested JSON without overflowing the stack', () => {
    expect(refusal('['.repeat(7000) + ']'.repeat(7000)).error.code).toBe('BAD_MESSAGE');
  });

  it('refuses an invalid id with a null reply id rather than echoing it', () => {
    expect(refusal(JSON.stringify({ type: 'ping', id: 'a b<script>' }))).toMatchObject({ id: null, error: { code: 'BAD_MESSAGE' } });
  });

  it('names the problem of a bad PIN without repeating the PIN', () => {
    const parsed = refusal('{"type":"diagnostics.unlock","id":"d1","pin":"12ab34"}');
    expect(parsed.error.issues).toEqual([{ path: 'pin', problem: '4 to 12 digits' }]);
    expect(JSON.stringify(parsed)).not.toContain('12ab34');
  });

  it('never repeats a refused string value in the issues', () => {
    const secret = 'NGUYEN VAN A 079203001234';
    for (const text of [
      JSON.stringify({ type: 'flow.chooseLanguage', id: 'a', language: secret }),
      JSON.stringify({ type: 'flow.chooseDepartment', id: 'a', departmentId: secret }),
      JSON.stringify({ type: 'hello', id: 'a', version: secret }),
      JSON.stringify({ type: 'demo.insertCard', id: 'a', profile: secret }),
    ]) {
      expect(JSON.stringify(refusal(text))).not.toContain(secret);
    }
  });

  it('refuses a hello without a version, and one whose version is not a positive integer', () => {
    expect(refusal('{"type":"hello","id":"h"}').error.issues?.[0]?.path).toBe('version');
    expect(refusal('{"type":"hello","id":"h","version":1.5}').error.code).toBe('BAD_MESSAGE');
    expect(refusal('{"type":"hello","id":"h","version":0}').error.code).toBe('BAD_MESSAGE');
  });

  it('treats a __proto__ key as an unknown field, not as a prototype', () => {
    const parsed = refusal('{"type":"ping","id":"p","__proto__":{"polluted":true}}');
    expect(parsed.error.code).toBe('BAD_MESSAGE');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses to encode a request that breaks the contract (a bug at the sender)', () => {
    expect(() => encodeClientMessage({ type: 'flow.chooseLanguage', id: 'a', language: 'fr' } as unknown as ClientRequest)).toThrow(ContractViolationError);
  });
});
