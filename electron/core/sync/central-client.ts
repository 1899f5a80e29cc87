// The kiosk's client of the central authentication service (config/central-service.openapi.yaml):
// uploads check-in batches for the sync engine (CheckInUploader), fetches active-authentication
// nonces, asks for online identity verification, sends heartbeats, and fetches the hospital's
// department list. Every request is signed with the
// kiosk's Ed25519 key (RFC 9421) and checked against the document before it leaves; every reply is
// checked against the document before it is believed. Failures are SyncTransportErrors whose kind
// tells the engine whether and when to retry.

import type { CheckInBatchResult, CheckInResult, Heartbeat, HeartbeatAck, IdentityVerification, IdentityVerificationRequest, Nonce } from '../../../native/central/central-api.ts';
import { CentralContract, OPERATIONS, type OperationId } from '../../../native/central/central-contract.ts';
import { signRequest, type SigningKey } from '../../../native/central/http-message-signer.ts';
import type { Logger } from '../../../native/util/logger.ts';
import { CentralHttp, type CentralTlsOptions, type SendOptions } from './central-http.ts';
import { readReply } from './central-reply.ts';
import { type DepartmentListing, readDepartmentList } from './department-reply.ts';
import { type CheckInUploader, type SyncItem, type SyncOutcome, SyncTransportError } from './sync-transport.ts';

export interface CentralClientOptions {
  /** e.g. `https://central.example.vn` (a path prefix is kept). */
  readonly baseUrl: string;
  readonly kioskId: string;
  readonly signingKey: SigningKey;
  /** Deadline of one request, connection to last reply byte (default 15 s). */
  readonly timeoutMs?: number;
  readonly tls?: CentralTlsOptions;
  readonly maxSockets?: number;
  readonly contract?: CentralContract;
  readonly logger?: Logger;
  /** Retry-After values above this are capped (default 1 hour). */
  readonly maxRetryAfterMs?: number;
  /** Deadline of the department list, asked while a patient waits (default 3 s). */
  readonly departmentsTimeoutMs?: number;
}

export interface IdentityEvidence {
  readonly nonceId: string;
  readonly sod: Uint8Array;
  readonly dg1: Uint8Array;
  readonly dg14?: Uint8Array;
  readonly dg15?: Uint8Array;
  /** The chip's INTERNAL AUTHENTICATE answer over the issued challenge. */
  readonly activeAuthenticationSignature?: Uint8Array;
  readonly fingerprintPng?: Uint8Array;
}

export interface IssuedNonce {
  readonly nonceId: string;
  /** 8 bytes for INTERNAL AUTHENTICATE. */
  readonly challenge: Uint8Array;
  readonly expiresAt: Date;
}

export type HeartbeatInput = Omit<Heartbeat, 'kioskId' | 'sentAt'> & { readonly sentAt?: Date };

/** The document caps a batch at 500 items. */
export const MAX_BATCH_ITEMS = 500;
const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export class CentralClient implements CheckInUploader {
  private readonly http: CentralHttp;
  private readonly contract: CentralContract;

  /**
   * Throws SyncTransportError `refused` for a URL that is not http(s), a kiosk id the document refuses
   * or a key that is not an Ed25519 private key, and ContractError when the document does not load.
   */
  constructor(private readonly options: CentralClientOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SyncTransportError('refused', `the central service URL must be http(s), not ${url.protocol}`);
    this.contract = options.contract ?? CentralContract.load();
    if (!this.contract.validateSchema('KioskId', options.kioskId).ok) throw new SyncTransportError('refused', 'the kiosk id is not valid for the central service (1-64 of A-Z a-z 0-9 . _ -)');
    if (options.signingKey.privateKey.type !== 'private' || options.signingKey.privateKey.asymmetricKeyType !== 'ed25519') {
      throw new SyncTransportError('refused', 'the kiosk signing key must be an Ed25519 private key');
    }
    this.http = new CentralHttp(options.baseUrl, {
      timeoutMs: options.timeoutMs ?? 15_000,
      ...(options.tls ? { tls: options.tls } : {}),
      ...(options.maxSockets === undefined ? {} : { maxSockets: options.maxSockets }),
    });
  }

  /**
   * Uploads one batch (1..500 items) and resolves with one outcome per item, in order. Items that do
   * not match the document's CheckInRecord are answered `rejected` here without being sent (retrying
   * them cannot help); if none is left, nothing is sent. Rejects with SyncTransportError.
   */
  async upload(items: readonly SyncItem[]): Promise<readonly SyncOutcome[]> {
    if (items.length === 0) return [];
    if (items.length > MAX_BATCH_ITEMS) throw new SyncTransportError('refused', `a batch holds at most ${MAX_BATCH_ITEMS} items, got ${items.length}`);
    const local = new Map<number, SyncOutcome>();
    const sendable: SyncItem[] = [];
    items.forEach((item, i) => {
      const check = this.contract.validateSchema('CheckInRecord', item.record);
      if (!check.ok) local.set(i, { idempotencyKey: item.idempotencyKey, status: 'rejected', reason: `INVALID_RECORD (kiosk): ${check.errors[0] ?? 'invalid'}` });
      else if (item.record.idempotencyKey !== item.idempotencyKey) local.set(i, { idempotencyKey: item.idempotencyKey, status: 'rejected', reason: 'INVALID_RECORD (kiosk): idempotency key differs from the record' });
      else sendable.push(item);
    });
    let remote: readonly CheckInResult[] = [];
    if (sendable.length > 0) {
      // The items were checked one by one above; checking the whole body again would double the cost.
      const reply = await this.call<CheckInBatchResult>('uploadCheckIns', { kioskId: this.options.kioskId, items: sendable.map((i) => i.record) }, false);
      remote = reply.results;
      if (remote.length !== sendable.length || remote.some((r, i) => r.idempotencyKey !== sendable[i]!.idempotencyKey)) {
        throw new SyncTransportError('server', `the reply has ${remote.length} results for ${sendable.length} items, or not in order`, { status: 200 });
      }
    }
    let next = 0;
    return items.map((item, i): SyncOutcome => {
      const own = local.get(i);
      if (own) return own;
      const r = remote[next++]!;
      return r.status === 'rejected' ? { idempotencyKey: item.idempotencyKey, status: 'rejected', reason: r.reason ?? 'rejected without a reason' } : { idempotencyKey: item.idempotencyKey, status: r.status };
    });
  }

  /** A one-time challenge for active authentication. */
  async issueNonce(): Promise<IssuedNonce> {
    const reply = await this.call<Nonce>('issueNonce', { kioskId: this.options.kioskId, purpose: 'active-authentication' });
    const challenge = new Uint8Array(Buffer.from(reply.challenge, 'base64'));
    if (challenge.length !== 8) throw new SyncTransportError('server', 'the nonce challenge is not 8 bytes', { status: 200 });
    return Object.freeze({ nonceId: reply.nonceId, challenge, expiresAt: new Date(reply.expiresAt) });
  }

  /** Online identity verification: the service checks PA with its trust store and AA over its nonce. */
  async verifyIdentity(evidence: IdentityEvidence): Promise<IdentityVerification> {
    const body: IdentityVerificationRequest = {
      kioskId: this.options.kioskId,
      nonceId: evidence.nonceId,
      evidence: {
        sod: base64(evidence.sod),
        dg1: base64(evidence.dg1),
        ...(evidence.dg14 ? { dg14: base64(evidence.dg14) } : {}),
        ...(evidence.dg15 ? { dg15: base64(evidence.dg15) } : {}),
      },
      ...(evidence.activeAuthenticationSignature ? { activeAuthentication: { signature: base64(evidence.activeAuthenticationSignature) } } : {}),
      ...(evidence.fingerprintPng ? { fingerprint: { format: 'png' as const, image: base64(evidence.fingerprintPng) } } : {}),
    };
    return this.call<IdentityVerification>('verifyIdentity', body);
  }

  /**
   * The departments the service offers this kiosk's patients, in its order. Departments that break the
   * document (an id that is not a contract identifier, a missing name...) or repeat an id are dropped
   * and logged by count. Rejects with SyncTransportError: `timeout` past `departmentsTimeoutMs` or when
   * `signal` aborts, `server` for a 5xx or an envelope that breaks the document, and as `upload` does.
   */
  async listDepartments(signal?: AbortSignal): Promise<DepartmentListing> {
    const operation = 'listDepartments';
    const reply = await this.exchange(operation, { kioskId: this.options.kioskId }, undefined, {
      timeoutMs: this.options.departmentsTimeoutMs ?? 3_000,
      ...(signal ? { signal } : {}),
    });
    if (reply.status !== 200) return readReply<never>(this.contract, operation, reply, this.options.maxRetryAfterMs);
    let value: unknown;
    try {
      value = JSON.parse(reply.body.toString('utf8'));
    } catch {
      throw new SyncTransportError('server', `the ${operation} reply is not JSON`, { status: 200 });
    }
    const listing = readDepartmentList(value);
    const { badId, invalid, duplicate } = listing.dropped;
    if (badId + invalid + duplicate > 0) {
      this.options.logger?.warn({ event: 'departments-dropped', badId, invalid, duplicate, kept: listing.departments.length }, 'the central service sent departments the kiosk cannot show');
    }
    return listing;
  }

  async heartbeat(input: HeartbeatInput): Promise<HeartbeatAck> {
    const { sentAt, ...rest } = input;
    return this.call<HeartbeatAck>('heartbeat', { ...rest, kioskId: this.options.kioskId, sentAt: (sentAt ?? new Date()).toISOString() });
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.http.close();
  }

  private async call<T>(operation: OperationId, body: unknown, validate = true): Promise<T> {
    const outgoing = validate ? this.contract.validateRequest(operation, body) : ({ ok: true } as const);
    if (!outgoing.ok) throw new SyncTransportError('refused', `the ${operation} request does not match the contract: ${outgoing.errors.join('; ')}`);
    const reply = await this.exchange(operation, {}, Buffer.from(JSON.stringify(body), 'utf8'));
    return readReply<T>(this.contract, operation, reply, this.options.maxRetryAfterMs);
  }

  /** Signs and sends one request (a GET without a body: RFC 9421 over @method, @authority and @path). */
  private async exchange(operation: OperationId, params: Readonly<Record<string, string>>, bytes: Buffer | undefined, options: SendOptions = {}) {
    const { method } = OPERATIONS[operation];
    const url = this.http.urlOf(CentralContract.pathOf(operation, params));
    const headers: Record<string, string> = { ...(bytes === undefined ? {} : { 'content-type': 'application/json' }), accept: 'application/json, application/problem+json' };
    const signed = signRequest({ method, targetUri: url.href, headers }, bytes, this.options.signingKey);
    const reply = await this.http.send(method, url, { ...headers, ...signed }, bytes ?? new Uint8Array(0), options);
    if (reply.status !== 200) this.options.logger?.debug({ operation, status: reply.status }, 'central service did not answer 200');
    return reply;
  }
}
