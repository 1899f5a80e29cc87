// The simulator's department list (GET /v1/kiosks/{kioskId}/departments) over loopback, with raw
// signed requests: what it serves, whom it serves, and the faults it injects like any other operation.

import { afterEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../../../../native/central/http-message-signer.ts';
import { DepartmentListSchema, type CentralDepartment } from '../../../../../native/central/department-list.ts';
import { SYNTHETIC_DEPARTMENTS } from '../../../../../native/sim/central/synthetic-departments.ts';
import { KEY_ID, KIOSK_ID, startCentral, type CentralFixture } from '../../../../helpers/central-fixture.ts';

let fixture: CentralFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const pathOf = (kioskId: string) => `/v1/kiosks/${kioskId}/departments`;

interface Raw {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: { code?: string; departments?: CentralDepartment[]; updatedAt?: string };
}

/** A GET signed by the fixture's kiosk over `signedPath` (default: the path it is sent to). */
async function get(path: string, options: { sign?: boolean; signedPath?: string } = {}): Promise<Raw> {
  const url = `${fixture!.simulator.url}${path}`;
  const headers = { accept: 'application/json' };
  const signed =
    options.sign === false ? {} : signRequest({ method: 'GET', targetUri: `${fixture!.simulator.url}${options.signedPath ?? path}`, headers }, undefined, { keyId: KEY_ID, privateKey: fixture!.kioskKey.privateKey });
  const res = await fetch(url, { method: 'GET', headers: { ...headers, ...signed } });
  return { status: res.status, contentType: res.headers.get('content-type'), body: (await res.json()) as Raw['body'] };
}

describe('CentralSimulator', () => {
  describe('listDepartments', () => {
    it('serves its synthetic hospital to a signed GET: waits for some, one department closed', async () => {
      fixture = await startCentral();
      const res = await get(pathOf(KIOSK_ID));
      expect(res.status).toBe(200);
      expect(res.contentType).toBe('application/json');
      expect(DepartmentListSchema.parse(res.body).departments).toEqual(SYNTHETIC_DEPARTMENTS);
      expect(res.body.departments!.filter((d) => !d.available).map((d) => d.id)).toEqual(['rang-ham-mat']);
      expect(res.body.departments!.filter((d) => d.waitMinutes !== undefined).length).toBeGreaterThan(1);
      expect(fixture.simulator.counts()).toMatchObject({ byOperation: { listDepartments: 1 }, statuses: { 200: 1 }, contractViolations: 0 });
    });

    it('serves the list it was given, stamped with the time it was set', async () => {
      const departments: CentralDepartment[] = [{ id: 'cap-cuu', name: { vi: 'Cấp cứu', en: 'Emergency' }, available: true, waitMinutes: 0 }];
      fixture = await startCentral({ departments });
      const before = Date.now();
      fixture.simulator.setDepartments([{ ...departments[0]!, waitMinutes: 12 }]);
      const res = await get(pathOf(KIOSK_ID));
      expect(res.body.departments).toEqual([{ ...departments[0], waitMinutes: 12 }]);
      expect(Date.parse(res.body.updatedAt!)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('refuses to be given a list the document does not allow, naming the field', async () => {
      fixture = await startCentral();
      expect(() => fixture!.simulator.setDepartments([{ id: 'khám nội', name: { vi: 'Khám', en: 'Medicine' }, available: true }])).toThrow(/\/departments\/0\/id/);
      expect((await get(pathOf(KIOSK_ID))).body.departments).toEqual(SYNTHETIC_DEPARTMENTS);
    });

    it('refuses an unsigned GET, and one whose signature covers another path', async () => {
      fixture = await startCentral();
      expect(await get(pathOf(KIOSK_ID), { sign: false })).toMatchObject({ status: 401, body: { code: 'SIGNATURE_UNSIGNED' } });
      expect(await get(pathOf(KIOSK_ID), { signedPath: pathOf('kiosk-other') })).toMatchObject({ status: 401, body: { code: 'SIGNATURE_BAD_SIGNATURE' } });
      expect(fixture.simulator.counts().signatureRefusals).toEqual({ unsigned: 1, 'bad-signature': 1 });
    });

    it('refuses a kiosk asking for the list of another kiosk, and a kiosk id the document does not allow', async () => {
      fixture = await startCentral();
      expect(await get(pathOf('kiosk-other'))).toMatchObject({ status: 401, body: { code: 'KIOSK_MISMATCH' } });
      expect(await get(pathOf('kiosk%20other'))).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    });

    it('injects the same faults as on the other operations', async () => {
      fixture = await startCentral({ faults: { serverErrorRate: 1 } });
      const res = await get(pathOf(KIOSK_ID));
      expect([500, 502, 503]).toContain(res.status);
      expect(res.body.code).toBe('INJECTED_FAULT');
      fixture.simulator.setFaults({ serverErrorRate: 0, rateLimitRate: 1, retryAfterSeconds: 7 });
      expect(await get(pathOf(KIOSK_ID))).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
      expect(fixture.simulator.counts().faults).toEqual({ 'server-error': 1, 'rate-limit': 1 });
    });
  });
});
