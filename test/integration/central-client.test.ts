import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralClient } from '../../electron/core/sync/central-client.ts';
import { parseRetryAfter } from '../../electron/core/sync/central-reply.ts';
import { SyncTransportError, type SyncItem } from '../../electron/core/sync/sync-transport.ts';
import type { CheckInRecord } from '../../native/central/check-in-record.ts';
import { syntheticCheckIn } from '../../native/sim/central/synthetic-check-ins.ts';
import { cccdFiles, cccdProtocols } from '../../native/sim/profiles/cccd-profile.ts';
import { KEY_ID, KIOSK_ID, sharedContract, startCentral, testTrustStore, type CentralFixture } from '../helpers/central-fixture.ts';

const items = (from: number, count: number, kioskId = KIOSK_ID): SyncItem[] =>
  Array.from({ length: count }, (_, i) => {
    const record = syntheticCheckIn(from + i, { kioskId });
    return { idempotencyKey: record.idempotencyKey, record };
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

let fixture: CentralFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('CentralClient against the central-service simulator', () => {
  describe('upload', () => {
    it('stores a batch, then answers duplicate for the same keys, and keeps each record once', async () => {
      fixture = await startCentral();
      const client = fixture.client();
      const batch = items(0, 20);
      expect((await client.upload(batch)).map((o) => o.status)).toEqual(Array(20).fill('accepted'));
      expect((await client.upload(batch)).map((o) => o.status)).toEqual(Array(20).fill('duplicate'));
      expect(fixture.simulator.received()).toHaveLength(20);
      expect(fixture.simulator.received()[3]!.record).toEqual(batch[3]!.record);
      expect(fixture.simulator.counts().contractViolations).toBe(0);
    });

    it('keeps what it stored across a restart of the service', async () => {
      fixture = await startCentral();
      await fixture.client().upload(items(0, 5));
      await fixture.restart();
      const outcomes = await fixture.client().upload(items(3, 4));
      expect(outcomes.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'accepted', 'accepted']);
      expect(fixture.simulator.received()).toHaveLength(7);
    });

    it('reports item rejections with their reasons, one outcome per item in order', async () => {
      fixture = await startCentral();
      fixture.simulator.setRejectionRule((r) => (r.person.documentType === 'PASSPORT' ? 'DOCUMENT_NOT_ACCEPTED' : undefined));
      const batch = [...items(0, 2), ...items(10, 1, 'another-kiosk')];
      const outcomes = await fixture.client().upload(batch);
      expect(outcomes).toEqual([
        { idempotencyKey: batch[0]!.idempotencyKey, status: 'accepted' },
        { idempotencyKey: batch[1]!.idempotencyKey, status: 'rejected', reason: 'DOCUMENT_NOT_ACCEPTED' },
        { idempotencyKey: batch[2]!.idempotencyKey, status: 'rejected', reason: 'KIOSK_MISMATCH' },
      ]);
    });

    it('rejects a record that breaks the contract without sending it, and sends the rest', async () => {
      fixture = await startCentral();
      const [good, bad] = items(0, 2);
      const broken = { ...bad!, record: { ...bad!.record, person: { ...bad!.record.person, sex: 'Q' } } as unknown as CheckInRecord };
      const outcomes = await fixture.client().upload([good!, broken]);
      expect(outcomes[0]!.status).toBe('accepted');
      expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^INVALID_RECORD \(kiosk\): \/person\/sex/) });
      expect(fixture.simulator.counts().byOperation.uploadCheckIns).toBe(1);
      expect(fixture.simulator.received()).toHaveLength(1);
    });

    it('is refused when its key is not registered with the service', async () => {
      fixture = await startCentral();
      const stranger = generateKeyPairSync('ed25519');
      const err = await transportError(fixture.client({ signingKey: { keyId: KEY_ID, privateKey: stranger.privateKey } }).upload(items(0, 1)));
      expect(err.kind).toBe('refused');
      expect(err.options.status).toBe(401);
      expect(err.message).toContain('SIGNATURE_BAD_SIGNATURE');
      expect(fixture.simulator.counts().signatureRefusals['bad-signature']).toBe(1);
    });
  });

  describe('faults', () => {
    it('turns a 5xx into a retryable server error', async () => {
      fixture = await startCentral({ faults: { serverErrorRate: 1 } });
      const err = await transportError(fixture.client().upload(items(0, 1)));
      expect(err.kind === 'server' || err.kind === 'rate-limited').toBe(true);
      expect(err.options.status).toBeGreaterThanOrEqual(500);
      expect(fixture.simulator.received()).toHaveLength(0);
    });

    it('turns a 429 into rate-limited with the Retry-After delay', async () => {
      fixture = await startCentral({ faults: { rateLimitRate: 1, retryAfterSeconds: 7 } });
      const err = await transportError(fixture.client().upload(items(0, 1)));
      expect(err.kind).toBe('rate-limited');
      expect(err.options.retryAfterMs).toBe(7000);
    });

    it('turns a reset connection into a network error', async () => {
      fixture = await startCentral({ faults: { resetRate: 1 } });
      expect((await transportError(fixture.client().upload(items(0, 1)))).kind).toBe('network');
    });

    it('answers duplicate on the retry after a reply was lost, never storing twice', async () => {
      fixture = await startCentral({ faults: { lostResponseRate: 1 } });
      const batch = items(0, 3);
      expect((await transportError(fixture.client().upload(batch))).kind).toBe('network');
      expect(fixture.simulator.received()).toHaveLength(3);
      fixture.simulator.setFaults({ lostResponseRate: 0 });
      expect((await fixture.client().upload(batch)).map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      expect(fixture.simulator.received()).toHaveLength(3);
    });

    it('gives up at its deadline on a slow service with a timeout error', async () => {
      fixture = await startCentral({ faults: { latencyMs: 1_000 } });
      expect((await transportError(fixture.client({ timeoutMs: 100 }).upload(items(0, 1)))).kind).toBe('timeout');
    });

    it('reads a reply that arrives in slow pieces', async () => {
      fixture = await startCentral({ faults: { slowBodyRate: 1, slowBodyChunkDelayMs: 2 } });
      expect((await fixture.client().upload(items(0, 4))).every((o) => o.status === 'accepted')).toBe(true);
      expect(fixture.simulator.counts().faults['slow-body']).toBe(1);
    });

    it('treats a 200 reply that breaks the contract as a server error', async () => {
      const server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"results":[{"idempotencyKey":"x","status":"maybe"}]}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const client = new CentralClient({ baseUrl: `http://127.0.0.1:${port}`, kioskId: KIOSK_ID, signingKey: { keyId: KEY_ID, privateKey: generateKeyPairSync('ed25519').privateKey }, contract: sharedContract() });
      try {
        const err = await transportError(client.upload(items(0, 1)));
        expect(err.kind).toBe('server');
        expect(err.message).toMatch(/does not match the contract/);
      } finally {
        client.close();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('reports a service that is not there as a network error', async () => {
      fixture = await startCentral();
      const url = fixture.simulator.url;
      await fixture.simulator.close();
      const err = await transportError(fixture.client({ baseUrl: url }).upload(items(0, 1)));
      expect(err.kind).toBe('network');
    });
  });

  describe('online identity verification', () => {
    const files = cccdFiles();
    const evidence = { sod: files.sod, dg1: files.dataGroups[1]!, dg14: files.dataGroups[14]!, dg15: files.dataGroups[15]! };

    it('verifies genuine CCCD evidence with an AA signature over the issued nonce as PA_AA_OR_CA', async () => {
      fixture = await startCentral({ trustStore: testTrustStore() });
      const client = fixture.client();
      const nonce = await client.issueNonce();
      expect(nonce.challenge).toHaveLength(8);
      const signature = cccdProtocols().activeAuthentication!().internalAuthenticate(nonce.challenge);
      const result = await client.verifyIdentity({ nonceId: nonce.nonceId, ...evidence, activeAuthenticationSignature: signature });
      expect(result).toMatchObject({ verdict: 'verified', assurance: 'PA_AA_OR_CA', passive: { verdict: 'passed' }, active: { verdict: 'passed' }, fingerprint: 'not-performed' });
    });

    it('fails a cloned chip whose AA signature does not match DG15', async () => {
      fixture = await startCentral({ trustStore: testTrustStore() });
      const client = fixture.client();
      const nonce = await client.issueNonce();
      const signature = cccdProtocols({ faults: { clonedChip: true } }).activeAuthentication!().internalAuthenticate(nonce.challenge);
      const result = await client.verifyIdentity({ nonceId: nonce.nonceId, ...evidence, activeAuthenticationSignature: signature });
      expect(result).toMatchObject({ verdict: 'failed', assurance: 'CHIP_READ', passive: { verdict: 'passed' }, active: { verdict: 'failed' } });
    });

    it('fails an AA signature over another challenge than the issued one (a replayed chip answer)', async () => {
      fixture = await startCentral({ trustStore: testTrustStore() });
      const client = fixture.client();
      const nonce = await client.issueNonce();
      const signature = cccdProtocols().activeAuthentication!().internalAuthenticate(new Uint8Array(8));
      expect((await client.verifyIdentity({ nonceId: nonce.nonceId, ...evidence, activeAuthenticationSignature: signature })).active.verdict).toBe('failed');
    });

    it('leaves a document unverified when the service does not trust its CSCA, and refuses a used nonce', async () => {
      fixture = await startCentral();
      const client = fixture.client();
      const nonce = await client.issueNonce();
      const result = await client.verifyIdentity({ nonceId: nonce.nonceId, ...evidence, fingerprintPng: Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0) });
      expect(result).toMatchObject({ verdict: 'unverified', assurance: 'CHIP_READ', passive: { verdict: 'unverified' }, active: { verdict: 'not-performed' }, fingerprint: 'captured' });
      const again = await transportError(client.verifyIdentity({ nonceId: nonce.nonceId, ...evidence }));
      expect(again).toMatchObject({ kind: 'refused', options: { status: 409 } });
      expect(again.message).toContain('NONCE_USED');
    });

    it('fails evidence whose DG1 was altered after signing', async () => {
      fixture = await startCentral({ trustStore: testTrustStore() });
      const client = fixture.client();
      const nonce = await client.issueNonce();
      const dg1 = evidence.dg1.slice();
      dg1[dg1.length - 1] = dg1[dg1.length - 1]! ^ 1;
      const result = await client.verifyIdentity({ nonceId: nonce.nonceId, ...evidence, dg1 });
      expect(result.passive.verdict).toBe('failed');
      expect(result.passive.reasons).toContain('DG1 hash does not match the SOD');
    });
  });

  describe('heartbeat', () => {
    it('reports queue and devices and gets the service clock back', async () => {
      fixture = await startCentral();
      const ack = await fixture.client().heartbeat({ softwareVersion: '0.1.0', profile: 'demo', queue: { pending: 3, deadLettered: 0 }, devices: { 'reader-0': 'ready' } });
      expect(ack.nextHeartbeatSeconds).toBe(60);
      expect(fixture.simulator.lastHeartbeat(KIOSK_ID)?.queue?.pending).toBe(3);
    });
  });

  describe('over TLS', () => {
    it('talks to the service when it trusts the test CA', async () => {
      fixture = await startCentral({ tls: 'server' });
      expect(fixture.simulator.url).toMatch(/^https:/);
      expect((await fixture.client().upload(items(0, 2))).map((o) => o.status)).toEqual(['accepted', 'accepted']);
    });

    it('refuses a service whose certificate does not chain to a trusted CA', async () => {
      fixture = await startCentral({ tls: 'server' });
      const err = await transportError(fixture.client({ tls: {} }).upload(items(0, 1)));
      expect(err.kind).toBe('network');
      expect(fixture.simulator.counts().requests).toBe(0);
    });

    it('accepts a service whose public key or CA key is pinned', async () => {
      fixture = await startCentral({ tls: 'server' });
      const tls = fixture.tls!;
      await fixture.client({ tls: { ca: tls.ca.certificatePem, pinnedSpkiSha256: [tls.server.spkiSha256] } }).heartbeat({ softwareVersion: '1' });
      await fixture.client({ tls: { ca: tls.ca.certificatePem, pinnedCertificateSha256: [tls.server.certificateSha256] } }).heartbeat({ softwareVersion: '1' });
      await fixture.client({ tls: { ca: tls.ca.certificatePem, pinnedSpkiSha256: [tls.ca.spkiSha256] } }).heartbeat({ softwareVersion: '1' });
      expect(fixture.simulator.counts().byOperation.heartbeat).toBe(3);
    });

    it('refuses a service whose key matches no pin, before sending anything', async () => {
      fixture = await startCentral({ tls: 'server' });
      const tls = fixture.tls!;
      const err = await transportError(fixture.client({ tls: { ca: tls.ca.certificatePem, pinnedSpkiSha256: [tls.client.spkiSha256] } }).upload(items(0, 1)));
      expect(err.kind).toBe('network');
      expect(err.message).toMatch(/pinned/);
      expect(fixture.simulator.counts().requests).toBe(0);
    });

    it('gets through mutual TLS with the kiosk certificate and is stopped without one', async () => {
      fixture = await startCentral({ tls: 'mutual' });
      const tls = fixture.tls!;
      expect((await fixture.client().upload(items(0, 1)))[0]!.status).toBe('accepted');
      const err = await transportError(fixture.client({ tls: { ca: tls.ca.certificatePem } }).upload(items(1, 1)));
      expect(err.kind).toBe('network');
      expect(fixture.simulator.received()).toHaveLength(1);
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, caps them, and ignores what it cannot read', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('30', 60_000, now)).toBe(30_000);
    expect(parseRetryAfter('3600', 60_000, now)).toBe(60_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', 60_000, now)).toBe(10_000);
    expect(parseRetryAfter('soon', 60_000, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, 60_000, now)).toBeUndefined();
  });
});
