// The kiosk's department list from the central service, over loopback: the client against the
// simulator (signed GET, faults, deadline), against a raw server that breaks the document (bad
// departments dropped and counted, a broken envelope refused), and the flow's department source over
// both (the service's list when it answers, the config's or the last live list when it does not).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../native/util/logger.ts';
import { SYNTHETIC_DEPARTMENTS } from '../../native/sim/central/synthetic-departments.ts';
import { CentralClient } from '../../electron/core/sync/central-client.ts';
import { SyncTransportError } from '../../electron/core/sync/sync-transport.ts';
import { CentralDepartmentList, FallbackDepartmentSource } from '../../electron/core/flows/adapters/department-sources.ts';
import type { Department } from '../../electron/core/flows/ports.ts';
import { KEY_ID, KIOSK_ID, sharedContract, startCentral, type CentralFixture } from '../helpers/central-fixture.ts';

let fixture: CentralFixture | undefined;
let raw: Server | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  if (raw) await new Promise((resolve) => raw!.close(resolve));
  raw = undefined;
});

async function transportError(promise: Promise<unknown>): Promise<SyncTransportError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(SyncTransportError);
    return err as SyncTransportError;
  }
  throw new Error('expected a SyncTransportError');
}

/** A loopback server that answers every request with `status` and `body`, and a client of it with a log it can read. */
async function rawService(status: number, body: string): Promise<{ client: CentralClient; log: () => Record<string, unknown>[]; paths: string[] }> {
  const paths: string[] = [];
  raw = createServer((req, res) => {
    paths.push(`${req.method} ${req.url} signed=${req.headers['signature-input'] !== undefined} length=${req.headers['content-length'] ?? 'none'}`);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => raw!.listen(0, '127.0.0.1', resolve));
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const client = new CentralClient({
    baseUrl: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`,
    kioskId: KIOSK_ID,
    signingKey: { keyId: KEY_ID, privateKey: generateKeyPairSync('ed25519').privateKey },
    contract: sharedContract(),
    logger: createLogger({ level: 'debug', destination }),
  });
  return { client, paths, log: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const CONFIG: readonly Department[] = [
  { id: 'kham-noi', name: { vi: 'Khám Nội', en: 'Internal medicine' } },
  { id: 'nhi', name: { vi: 'Nhi khoa', en: 'Paediatrics' } },
];

describe('CentralClient.listDepartments', () => {
  describe('against the central-service simulator', () => {
    it('gets the departments with their availability and waits, over a GET the service verified as signed', async () => {
      fixture = await startCentral();
      const listing = await fixture.client().listDepartments();
      expect(listing.departments).toEqual(SYNTHETIC_DEPARTMENTS);
      expect(listing.dropped).toEqual({ badId: 0, invalid: 0, duplicate: 0 });
      expect(listing.updatedAt.getTime()).toBeGreaterThan(0);
      expect(fixture.simulator.counts()).toMatchObject({ byOperation: { listDepartments: 1 }, signatureRefusals: {}, contractViolations: 0 });
    });

    it('is refused when its key is not the registered one', async () => {
      fixture = await startCentral();
      const stranger = generateKeyPairSync('ed25519');
      const err = await transportError(fixture.client({ signingKey: { keyId: KEY_ID, privateKey: stranger.privateKey } }).listDepartments());
      expect(err).toMatchObject({ kind: 'refused', options: { status: 401 } });
      expect(err.message).toContain('SIGNATURE_BAD_SIGNATURE');
    });

    it('turns a 5xx into a server error', async () => {
      fixture = await startCentral({ faults: { serverErrorRate: 1 } });
      const err = await transportError(fixture.client().listDepartments());
      expect(err.kind).toBe('server');
      expect([500, 502, 503]).toContain(err.options.status);
    });

    it('gives up at its own short deadline, not the upload deadline', async () => {
      fixture = await startCentral({ faults: { latencyMs: 2_000 } });
      const err = await transportError(fixture.client({ timeoutMs: 60_000, departmentsTimeoutMs: 100 }).listDepartments());
      expect(err.kind).toBe('timeout');
      expect(err.message).toContain('100 ms');
    });

    it('gives up when its caller aborts, and at once for a signal already aborted', async () => {
      fixture = await startCentral({ faults: { latencyMs: 2_000 } });
      const client = fixture.client();
      const abort = new AbortController();
      const pending = client.listDepartments(abort.signal);
      abort.abort();
      expect(await transportError(pending)).toMatchObject({ kind: 'timeout', message: expect.stringContaining('abandoned') });
      expect(await transportError(client.listDepartments(AbortSignal.abort()))).toMatchObject({ kind: 'timeout' });
    });
  });

  describe('against a service that breaks the document', () => {
    it('drops departments with ids the screen cannot carry, invalid ones and repeats, and logs only their counts', async () => {
      const good = { id: 'mat', name: { vi: 'Mắt', en: 'Ophthalmology' }, available: true, waitMinutes: 5 };
      const departments = [
        good,
        { ...good, id: 'khám nội' },
        { ...good, id: '' },
        { ...good, id: 42 },
        { ...good, id: 'tai-mui-hong', waitMinutes: -3 },
        { id: 'nhi', name: { vi: 'Nhi' }, available: true },
        { ...good, name: { vi: 'Mắt (2)', en: 'Eyes (2)' } },
        'not a department',
      ];
      const service = await rawService(200, JSON.stringify({ departments, updatedAt: '2025-05-01T08:00:00Z' }));
      const listing = await service.client.listDepartments();
      service.client.close();
      expect(listing.departments).toEqual([good]);
      expect(listing.dropped).toEqual({ badId: 4, invalid: 2, duplicate: 1 });
      expect(service.paths).toEqual([`GET /v1/kiosks/${KIOSK_ID}/departments signed=true length=none`]);
      const warning = service.log().find((l) => l.event === 'departments-dropped');
      expect(warning).toMatchObject({ badId: 4, invalid: 2, duplicate: 1, kept: 1 });
      expect(JSON.stringify(service.log())).not.toContain('khám nội');
    });

    it('refuses a reply whose envelope breaks the document as a server error, naming where and never the value', async () => {
      const cases = ['{"departments": "all of them", "updatedAt": "2025-05-01T08:00:00Z"}', '{"departments": []}', '<html>oops</html>', JSON.stringify({ departments: Array(101).fill({}), updatedAt: '2025-05-01T08:00:00Z' })];
      for (const body of cases) {
        const service = await rawService(200, body);
        const err = await transportError(service.client.listDepartments());
        service.client.close();
        expect(err).toMatchObject({ kind: 'server', options: { status: 200 } });
        expect(err.message).not.toContain('all of them');
        await new Promise((resolve) => raw!.close(resolve));
        raw = undefined;
      }
    });
  });
});

describe('FallbackDepartmentSource over the central service', () => {
  it("shows the service's list online, keeps it without its stale waits through an outage, and shows it again after", async () => {
    fixture = await startCentral();
    const source = new FallbackDepartmentSource(new CentralDepartmentList(fixture.client()), CONFIG);
    const online = await source.list(new AbortController().signal);
    expect(online.online).toBe(true);
    expect(online.departments.map((d) => d.id)).toEqual(SYNTHETIC_DEPARTMENTS.map((d) => d.id));
    expect(online.departments.find((d) => d.id === 'rang-ham-mat')).toMatchObject({ available: false, room: 'Phòng 205' });
    expect(online.departments.find((d) => d.id === 'kham-noi')).toMatchObject({ available: true, waitMinutes: 25, name: { zh: '内科' } });

    fixture.simulator.setFaults({ serverErrorRate: 1 });
    const outage = await source.list(new AbortController().signal);
    expect(outage.online).toBe(false);
    expect(outage.departments.map((d) => d.id)).toEqual(SYNTHETIC_DEPARTMENTS.map((d) => d.id));
    expect(outage.departments.every((d) => d.waitMinutes === undefined)).toBe(true);
    expect(outage.departments.find((d) => d.id === 'rang-ham-mat')?.available).toBe(false);

    fixture.simulator.setFaults({ serverErrorRate: 0 });
    expect(await source.list(new AbortController().signal)).toMatchObject({ online: true, departments: expect.arrayContaining([expect.objectContaining({ id: 'kham-noi', waitMinutes: 25 })]) });
  });

  it("falls back to the config's list when the service fails before it ever answered, or is too slow", async () => {
    fixture = await startCentral({ faults: { serverErrorRate: 1 } });
    const failing = new FallbackDepartmentSource(new CentralDepartmentList(fixture.client()), CONFIG);
    expect(await failing.list(new AbortController().signal)).toEqual({ departments: CONFIG, online: false });

    fixture.simulator.setFaults({ serverErrorRate: 0, latencyMs: 2_000 });
    const slow = new FallbackDepartmentSource(new CentralDepartmentList(fixture.client()), CONFIG, 100);
    expect(await slow.list(new AbortController().signal)).toEqual({ departments: CONFIG, online: false });
  });
});
