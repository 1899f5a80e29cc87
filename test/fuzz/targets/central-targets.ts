// Fuzz targets for what reaches the central-service seam from the network: the RFC 9421 signature
// fields a service verifies (Signature-Input and Signature, as one text split at the first newline), a
// Content-Digest field, and the reply bodies the kiosk's client reads (status 200, and 429 whose valid
// outcome is a rate-limited SyncTransportError). Seeds are a
// correctly signed kiosk request and replies the simulator gives.

import { generateKeyPairSync } from 'node:crypto';
import { readReply } from '../../../electron/core/sync/central-reply.ts';
import { SyncTransportError } from '../../../electron/core/sync/sync-transport.ts';
import { CentralContract, type OperationId } from '../../../native/central/central-contract.ts';
import { checkContentDigest, contentDigest } from '../../../native/central/content-digest.ts';
import { signRequest } from '../../../native/central/http-message-signer.ts';
import { HttpMessageVerifier } from '../../../native/central/http-message-verifier.ts';
import { syntheticCheckIn } from '../../../native/sim/central/synthetic-check-ins.ts';
import type { FuzzTarget } from '../fuzz-target.ts';
import { utf8 } from './profile-seeds.ts';

const BODY = utf8(JSON.stringify({ kioskId: 'kiosk-fuzz', sentAt: '2025-01-01T00:00:00.000Z', softwareVersion: '1' }));
const REQUEST = { method: 'POST', targetUri: 'https://central.test/v1/heartbeats', headers: { 'content-type': 'application/json' } };
const CREATED = 1_700_000_000;
const kiosk = generateKeyPairSync('ed25519');
let contract: CentralContract | undefined;
const loadContract = () => (contract ??= CentralContract.load(undefined, { compile: 'lazy' }));

function signatureFieldsSeed(): Uint8Array {
  const signed = signRequest(REQUEST, BODY, { keyId: 'kiosk-fuzz', privateKey: kiosk.privateKey }, { created: CREATED });
  return utf8(`${signed['signature-input']}\n${signed.signature}`);
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

function replyTarget(name: string, operation: OperationId, status: number, seeds: readonly unknown[]): FuzzTarget {
  return {
    name,
    seeds: () => seeds.map((s) => utf8(JSON.stringify(s))),
    parse(input) {
      try {
        return readReply(loadContract(), operation, { status, headers: { 'retry-after': '3' }, body: input });
      } catch (err) {
        // Any status but 200 is a typed transport error by design: that is its valid outcome.
        if (status !== 200 && err instanceof SyncTransportError) return err;
        throw err;
      }
    },
  };
}

const record = syntheticCheckIn(1, { kioskId: 'kiosk-fuzz' });

export const CENTRAL_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'central.signature-fields',
    seeds: () => [signatureFieldsSeed()],
    parse(input) {
      const [signatureInput = '', signature = ''] = text(input).split('\n', 2);
      const verifier = new HttpMessageVerifier((id) => (id === 'kiosk-fuzz' ? kiosk.publicKey : undefined), { now: () => CREATED * 1000 });
      const headers = { ...REQUEST.headers, 'content-digest': contentDigest(BODY), 'signature-input': signatureInput, signature };
      return verifier.verify({ ...REQUEST, headers }, BODY);
    },
  },
  {
    name: 'central.content-digest',
    seeds: () => [utf8(contentDigest(BODY)), utf8(`${contentDigest(BODY)}, ${contentDigest(BODY, 'sha-512')}`)],
    parse: (input) => checkContentDigest(text(input), BODY),
  },
  replyTarget('central.reply.upload', 'uploadCheckIns', 200, [{ results: [{ idempotencyKey: record.idempotencyKey, status: 'accepted' }, { idempotencyKey: record.idempotencyKey, status: 'rejected', reason: 'INVALID_RECORD' }] }]),
  replyTarget('central.reply.verification', 'verifyIdentity', 200, [
    { verificationId: record.idempotencyKey, verdict: 'verified', assurance: 'PA_AA_OR_CA', passive: { verdict: 'passed', reasons: [] }, active: { verdict: 'passed' }, fingerprint: 'captured', verifiedAt: '2025-01-01T00:00:00.000Z' },
  ]),
  replyTarget('central.reply.problem', 'uploadCheckIns', 429, [{ type: 'about:blank', title: 'Too many requests', status: 429, code: 'RATE_LIMITED' }]),
];
