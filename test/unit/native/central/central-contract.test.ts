import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { CheckInRecordSchema } from '../../../../native/central/check-in-record.ts';
import { CentralContract, DEFAULT_CONTRACT_PATH, OPERATIONS } from '../../../../native/central/central-contract.ts';
import { ContractError } from '../../../../native/central/central-errors.ts';
import { DEPARTMENT_ID_PATTERN, DepartmentListSchema } from '../../../../native/central/department-list.ts';
import { SYNTHETIC_DEPARTMENTS } from '../../../../native/sim/central/synthetic-departments.ts';
import { IdentifierSchema } from '../../../../electron/contract/common.ts';
import { syntheticCheckIn } from '../../../../native/sim/central/synthetic-check-ins.ts';

const contract = CentralContract.load();
const record = syntheticCheckIn(4);
const KEY = record.idempotencyKey;

function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'description' && k !== '$schema').map(([k, v]) => [k, withoutDescriptions(v)]));
}

describe('CentralContract', () => {
  describe('the document', () => {
    it('keeps its CheckInRecord schema equal to the zod CheckInRecordSchema', () => {
      const document = parseYaml(readFileSync(DEFAULT_CONTRACT_PATH, 'utf8')) as { components: { schemas: Record<string, unknown> } };
      const fromZod = z.toJSONSchema(CheckInRecordSchema, { target: 'draft-2020-12' });
      expect(withoutDescriptions(document.components.schemas.CheckInRecord)).toEqual(withoutDescriptions(fromZod));
    });

    it('keeps its DepartmentList schema equal to the zod DepartmentListSchema', () => {
      const document = parseYaml(readFileSync(DEFAULT_CONTRACT_PATH, 'utf8')) as { components: { schemas: Record<string, unknown> } };
      const fromZod = z.toJSONSchema(DepartmentListSchema, { target: 'draft-2020-12' });
      expect(withoutDescriptions(document.components.schemas.DepartmentList)).toEqual(withoutDescriptions(fromZod));
    });

    it('allows as department ids exactly the identifiers of the UI contract', () => {
      const samples = ['kham-noi', 'A1', 'dept:3.b_x', '9', '-lead', '.x', 'a b', 'khám', 'x/y', '', 'a'.repeat(64), 'a'.repeat(65)];
      for (const id of samples) {
        const wire = id.length >= 1 && id.length <= 64 && DEPARTMENT_ID_PATTERN.test(id);
        expect({ id, wire }).toEqual({ id, wire: IdentifierSchema.safeParse(id).success });
      }
    });

    it('defines every operation the client and the simulator use, with an operationId each', () => {
      for (const id of Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[]) {
        expect(contract.statuses(id)).toContain(200);
        expect(contract.statuses(id)).toContain(401);
      }
    });

    it('refuses a document that is not OpenAPI 3.1, and one whose references do not resolve', () => {
      expect(() => CentralContract.fromText('openapi: 3.0.3\n')).toThrow(ContractError);
      const broken = readFileSync(DEFAULT_CONTRACT_PATH, 'utf8').replace("$ref: '#/components/schemas/CheckInBatch'", "$ref: '#/components/schemas/Nope'");
      expect(() => CentralContract.fromText(broken)).toThrow(/does not compile/);
      expect(() => CentralContract.load('/nonexistent/central.yaml')).toThrow(ContractError);
    });

    it('defers compiling when loaded lazily, and reports a broken schema at first use', () => {
      const broken = readFileSync(DEFAULT_CONTRACT_PATH, 'utf8').replace("$ref: '#/components/schemas/CheckInBatch'", "$ref: '#/components/schemas/Nope'");
      const lazy = CentralContract.fromText(broken, { compile: 'lazy' });
      expect(lazy.validateRequest('heartbeat', { kioskId: 'k', sentAt: '2025-01-01T00:00:00Z', softwareVersion: '1' })).toEqual({ ok: true });
      expect(() => lazy.validateRequest('uploadCheckIns', {})).toThrow(ContractError);
    });
  });

  describe('validateRequest', () => {
    it('accepts a batch of synthetic check-ins', () => {
      expect(contract.validateRequest('uploadCheckIns', { kioskId: 'kiosk-test-01', items: [record, syntheticCheckIn(5)] })).toEqual({ ok: true });
    });

    it('refuses an empty batch, an unknown field and a bad enum, naming where and never the value', () => {
      expect(contract.validateRequest('uploadCheckIns', { kioskId: 'k', items: [] }).ok).toBe(false);
      const extra = contract.validateRequest('uploadCheckIns', { kioskId: 'k', items: [{ ...record, secret: 1 }] });
      expect(extra).toEqual({ ok: false, errors: ["/items/0: must NOT have additional properties 'secret'"] });
      const sex = contract.validateRequest('uploadCheckIns', { kioskId: 'k', items: [{ ...record, person: { ...record.person, sex: 'Q' } }] });
      expect(sex.ok).toBe(false);
      if (!sex.ok) {
        expect(sex.errors[0]).toMatch(/^\/items\/0\/person\/sex: /);
        expect(sex.errors.join(' ')).not.toContain(record.person.fullName);
      }
    });

    it('checks formats: a malformed idempotency key and a malformed date are refused', () => {
      expect(contract.validateSchema('CheckInRecord', { ...record, idempotencyKey: 'not-a-uuid' }).ok).toBe(false);
      expect(contract.validateSchema('CheckInRecord', { ...record, createdAt: '2025-13-01T00:00:00Z' }).ok).toBe(false);
      expect(contract.validateSchema('CheckInRecord', record)).toEqual({ ok: true });
    });

    it('accepts identity evidence in base64 and refuses bytes that are not', () => {
      const body = { kioskId: 'k', nonceId: KEY, evidence: { sod: 'MIIB', dg1: 'YQ==' }, activeAuthentication: { signature: 'AAAA' } };
      expect(contract.validateRequest('verifyIdentity', body)).toEqual({ ok: true });
      expect(contract.validateRequest('verifyIdentity', { ...body, evidence: { sod: '%%%', dg1: 'YQ==' } }).ok).toBe(false);
    });
  });

  describe('listDepartments', () => {
    it('takes no body and answers a department list or a problem', () => {
      expect(contract.validateRequest('listDepartments', undefined)).toEqual({ ok: true });
      expect(contract.validateRequest('listDepartments', {})).toEqual({ ok: false, errors: ['(body): listDepartments takes no body'] });
      const list = { departments: [...SYNTHETIC_DEPARTMENTS], updatedAt: '2025-05-01T08:00:00Z' };
      expect(contract.validateResponse('listDepartments', 200, list)).toEqual({ ok: true });
      expect(contract.validateResponse('listDepartments', 503, { title: 'Down', status: 503, code: 'MAINTENANCE' })).toEqual({ ok: true });
    });

    it('refuses a department without availability, with a bad id or with a negative wait', () => {
      const [first] = SYNTHETIC_DEPARTMENTS;
      const list = (department: unknown) => ({ departments: [department], updatedAt: '2025-05-01T08:00:00Z' });
      const { available: _available, ...withoutAvailability } = first!;
      expect(contract.validateResponse('listDepartments', 200, list(withoutAvailability)).ok).toBe(false);
      expect(contract.validateResponse('listDepartments', 200, list({ ...first, id: 'khám nội' })).ok).toBe(false);
      expect(contract.validateResponse('listDepartments', 200, list({ ...first, waitMinutes: -1 })).ok).toBe(false);
    });
  });

  describe('validateResponse', () => {
    it('accepts per-item results and a problem document', () => {
      expect(contract.validateResponse('uploadCheckIns', 200, { results: [{ idempotencyKey: KEY, status: 'duplicate' }] })).toEqual({ ok: true });
      expect(contract.validateResponse('uploadCheckIns', 429, { title: 'Slow down', status: 429, code: 'RATE_LIMITED' })).toEqual({ ok: true });
    });

    it('refuses an unknown status, a result with an unknown outcome, and a reply that is not JSON data', () => {
      expect(contract.validateResponse('uploadCheckIns', 418, {}).ok).toBe(false);
      expect(contract.validateResponse('uploadCheckIns', 200, { results: [{ idempotencyKey: KEY, status: 'maybe' }] }).ok).toBe(false);
      expect(contract.validateResponse('heartbeat', 200, '<html>').ok).toBe(false);
    });
  });

  describe('operationFor', () => {
    it('finds the operation of a method and path', () => {
      expect(CentralContract.operationFor('POST', '/v1/check-ins/batch')).toBe('uploadCheckIns');
      expect(CentralContract.operationFor('GET', '/v1/check-ins/batch')).toBeUndefined();
    });

    it('matches a path template and decodes its parameters, one segment each', () => {
      expect(CentralContract.match('GET', '/v1/kiosks/kiosk-7/departments')).toEqual({ operation: 'listDepartments', params: { kioskId: 'kiosk-7' } });
      expect(CentralContract.match('GET', '/v1/kiosks/a%2Fb/departments')).toEqual({ operation: 'listDepartments', params: { kioskId: 'a/b' } });
      expect(CentralContract.match('GET', '/v1/kiosks/a/b/departments')).toBeUndefined();
      expect(CentralContract.match('GET', '/v1/kiosks//departments')).toBeUndefined();
      expect(CentralContract.match('GET', '/v1/kiosks/%E0%A4%A/departments')).toBeUndefined();
      expect(CentralContract.match('POST', '/v1/kiosks/kiosk-7/departments')).toBeUndefined();
    });

    it('fills a path template, percent-encoding its parameters', () => {
      expect(CentralContract.pathOf('listDepartments', { kioskId: 'kiosk 7' })).toBe('/v1/kiosks/kiosk%207/departments');
      expect(CentralContract.pathOf('heartbeat')).toBe('/v1/heartbeats');
      expect(() => CentralContract.pathOf('listDepartments')).toThrow(RangeError);
    });
  });
});
