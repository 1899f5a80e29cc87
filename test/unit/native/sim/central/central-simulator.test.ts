import { X509Certificate } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../../../../native/central/http-message-signer.ts';
import { checkFaults, NO_FAULTS, parseFaultSpecs } from '../../../../../native/sim/central/central-faults.ts';
import { CentralStore, CHECK_INS_FILE } from '../../../../../native/sim/central/central-store.ts';
import { syntheticCheckIn } from '../../../../../native/sim/central/synthetic-check-ins.ts';
import { createTestTls } from '../../../../../native/sim/central/test-tls.ts';
import { seededRandom } from '../../../../../native/util/seeded-random.ts';
import { KEY_ID, KIOSK_ID, startCentral, type CentralFixture } from '../../../../helpers/central-fixture.ts';

let fixture: CentralFixture | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Raw {
  readonly status: number;
  readonly body: { code?: string; results?: { status: string; reason?: string }[] };
}

/** A request signed by the fixture's kiosk; `tamper` changes the body after signing. */
async function send(path: string, body: string, options: { sign?: boolean; tamper?: (b: string) => string; headers?: Record<string, string> } = {}): Promise<Raw & { replay: () => Promise<Raw> }> {
  const url = `${fixture!.simulator.url}${path}`;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const bytes = Buffer.from(body);
  const signed = options.sign === false ? {} : signRequest({ method: 'POST', targetUri: url, headers }, bytes, { keyId: KEY_ID, privateKey: fixture!.kioskKey.privateKey });
  const go = async (): Promise<Raw> => {
    const res = await fetch(url, { method: 'POST', headers: { ...headers, ...signed }, body: options.tamper ? options.tamper(body) : body });
    return { status: res.status, body: (await res.json()) as Raw['body'] };
  };
  return { ...(await go()), replay: go };
}

const heartbeat = (kioskId = KIOSK_ID) => JSON.stringify({ kioskId, sentAt: new Date().toISOString(), softwareVersion: '1' });

describe('CentralSimulator', () => {
  describe('request signatures', () => {
    it('refuses an unsigned request with 401 SIGNATURE_UNSIGNED', async () => {
      fixture = await startCentral();
      expect(await send('/v1/heartbeats', heartbeat(), { sign: false })).toMatchObject({ status: 401, body: { code: 'SIGNATURE_UNSIGNED' } });
    });

    it('accepts a signed request once and refuses its replay', async () => {
      fixture = await startCentral();
      const first = await send('/v1/heartbeats', heartbeat());
      expect(first.status).toBe(200);
      expect(await first.replay()).toMatchObject({ status: 401, body: { code: 'SIGNATURE_REPLAYED' } });
      expect(fixture.simulator.counts().signatureRefusals).toEqual({ replayed: 1 });
    });

    it('refuses a body changed in transit', async () => {
      fixture = await startCentral();
      const res = await send('/v1/heartbeats', heartbeat(), { tamper: (b) => b.replace('"1"', '"2"') });
      expect(res).toMatchObject({ status: 401, body: { code: 'SIGNATURE_DIGEST_MISMATCH' } });
    });

    it('refuses a body that names another kiosk than the signer', async () => {
      fixture = await startCentral();
      expect(await send('/v1/heartbeats', heartbeat('kiosk-other'))).toMatchObject({ status: 401, body: { code: 'KIOSK_MISMATCH' } });
    });
  });

  describe('request validation', () => {
    it('answers 400 for a body that is not JSON or does not match the document', async () => {
      fixture = await startCentral();
      expect(await send('/v1/heartbeats', '{not json')).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } });
      expect(await send('/v1/heartbeats', JSON.stringify({ kioskId: KIOSK_ID, sentAt: 'yesterday' }))).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    });

    it('rejects the bad items of a batch one by one and stores the good ones', async () => {
      fixture = await startCentral();
      const good = syntheticCheckIn(1);
      const bad = { ...syntheticCheckIn(2), assurance: 'VERY_HIGH' };
      const res = await send('/v1/check-ins/batch', JSON.stringify({ kioskId: KIOSK_ID, items: [good, bad, good] }));
      expect(res.status).toBe(200);
      expect(res.body.results!.map((r) => r.status)).toEqual(['accepted', 'rejected', 'duplicate']);
      expect(res.body.results![1]!.reason).toMatch(/^INVALID_RECORD: \/assurance/);
      expect(fixture.simulator.received()).toHaveLength(1);
    });

    it('answers 404 for an unknown path and 413 for a body over its limit', async () => {
      fixture = await startCentral({ maxBodyBytes: 1024 });
      expect(await send('/v1/nothing', '{}')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
      expect(await send('/v1/heartbeats', JSON.stringify({ pad: 'x'.repeat(2048) }))).toMatchObject({ status: 413, body: { code: 'BODY_TOO_LARGE' } });
    });
  });
});

describe('CentralStore', () => {
  it('skips a line cut short by a crash and keeps appending after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'central-store-'));
    dirs.push(dir);
    const store = await CentralStore.open(dir);
    const entry = (n: number) => ({ idempotencyKey: syntheticCheckIn(n).idempotencyKey, kioskId: KIOSK_ID, receivedAt: '2025-01-01T00:00:00.000Z', record: syntheticCheckIn(n) });
    await store.add([entry(1), entry(2)]);
    await store.close();
    appendFileSync(join(dir, CHECK_INS_FILE), '{"idempotencyKey":"torn');
    const reopened = await CentralStore.open(dir);
    expect(reopened.skippedLines).toBe(1);
    expect(reopened.size).toBe(2);
    await reopened.add([entry(3)]);
    await reopened.close();
    const again = await CentralStore.open(dir);
    expect(again.size).toBe(3);
    expect(again.has(entry(3).idempotencyKey)).toBe(true);
    await again.close();
    expect(readFileSync(join(dir, CHECK_INS_FILE), 'utf8').split('\n').filter((l) => l.startsWith('{"idempotencyKey":"torn'))).toHaveLength(1);
  });
});

describe('central faults', () => {
  it('parses NAME=VALUE specs and refuses unknown names and rates above 1', () => {
    expect(parseFaultSpecs(['serverErrorRate=0.3', 'latencyMs=20'])).toMatchObject({ serverErrorRate: 0.3, latencyMs: 20, resetRate: 0 });
    expect(() => parseFaultSpecs(['meteorRate=1'])).toThrow(/unknown fault/);
    expect(() => checkFaults({ ...NO_FAULTS, resetRate: 2 })).toThrow(/probability/);
  });

  it('draws the same fault sequence from the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('createTestTls', () => {
  it('issues a server certificate for 127.0.0.1 and localhost and a client certificate, both under the test CA', () => {
    const tls = createTestTls();
    const ca = new X509Certificate(tls.ca.certificatePem);
    const server = new X509Certificate(tls.server.certificatePem);
    const client = new X509Certificate(tls.client.certificatePem);
    expect(ca.ca).toBe(true);
    expect(server.verify(ca.publicKey) && client.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    expect(client.keyUsage).toContain('1.3.6.1.5.5.7.3.2');
  });
});
