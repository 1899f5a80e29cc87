import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { CheckInRecordSchema } from '../../../../native/central/check-in-record.ts';
import { CentralContract, DEFAULT_CONTRACT_PATH, OPERATIONS } from '../../../../native/central/central-contract.ts';
import { ContractError } from '../../../../native/central/central-errors.ts';
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
  });
});
