// The central authentication service, simulated: a real HTTP or HTTPS server on loopback that
// implements config/central-service.openapi.yaml. It verifies each request's RFC 9421 signature against
// the registered kiosk keys, validates bodies against the document both ways, stores check-ins once per
// idempotency key in a restart-safe file, verifies chip evidence with its own trust store, and injects
// the faults a real network and service produce. Tests and the demo drive it through its control
// surface: setFaults, registerKiosk, setRejectionRule, setDepartments, counts, received.

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CentralContract, type OperationId } from '../../central/central-contract.ts';
import { SignatureError, type SignatureFailureReason } from '../../central/central-errors.ts';
import type { CheckInBatch, CheckInResult, Heartbeat, IdentityVerificationRequest } from '../../central/central-api.ts';
import { type CentralDepartment, DepartmentListSchema } from '../../central/department-list.ts';
import { HttpMessageVerifier, type VerifierPolicy } from '../../central/http-message-verifier.ts';
import type { TrustStore } from '../../card/pa/trust-store.ts';
import { seededRandom } from '../../util/seeded-random.ts';
import { type CentralFaults, checkFaults, type InjectedFault, NO_FAULTS } from './central-faults.ts';
import { CentralOperations, problem, type RejectionRule, type Reply } from './central-operations.ts';
import { CentralStore, type StoredCheckIn } from './central-store.ts';
import { SYNTHETIC_DEPARTMENTS } from './synthetic-departments.ts';

export interface RegisteredKiosk {
  /** The keyid the kiosk's signatures name. */
  readonly keyId: string;
  readonly kioskId: string;
  /** Ed25519 public key. */
  readonly publicKey: KeyObject;
}

export interface CentralSimulatorOptions {
  /** Where received check-ins are kept (check-ins.jsonl); reopening the same folder resumes. */
  readonly dataDir: string;
  readonly host?: string;
  /** 0 (default): an ephemeral port. */
  readonly port?: number;
  /** Serve HTTPS; with `ca` and `requireClientCertificate`, only kiosks with a client certificate it issued get through. */
  readonly tls?: { readonly key: string; readonly cert: string; readonly ca?: string; readonly requireClientCertificate?: boolean };
  readonly kiosks?: readonly RegisteredKiosk[];
  /** CSCAs the service trusts for passive authentication. */
  readonly trustStore?: TrustStore;
  readonly faults?: Partial<CentralFaults>;
  /** Seed of the fault generator (default 1). */
  readonly seed?: number;
  /** fdatasync each stored batch (default true). */
  readonly durable?: boolean;
  readonly contract?: CentralContract;
  readonly signaturePolicy?: Omit<VerifierPolicy, 'requiredComponents'>;
  /** Largest request body accepted (default 8 MiB). */
  readonly maxBodyBytes?: number;
  /** The departments served to every kiosk (default SYNTHETIC_DEPARTMENTS). */
  readonly departments?: readonly CentralDepartment[];
}

export interface CentralCounts {
  readonly requests: number;
  readonly byOperation: Readonly<Partial<Record<OperationId, number>>>;
  readonly statuses: Readonly<Record<number, number>>;
  readonly faults: Readonly<Partial<Record<InjectedFault, number>>>;
  readonly signatureRefusals: Readonly<Partial<Record<SignatureFailureReason, number>>>;
  /** Item results given, by status (a retried item counts once per answer). */
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Check-ins held in the store (each idempotency key once). */
  readonly stored: number;
  readonly verifications: number;
  /** Replies of the simulator itself that did not match the document (a bug in the simulator). */
  readonly contractViolations: number;
}

const JSON_TYPE = 'application/json';
const PROBLEM_TYPE = 'application/problem+json';

function bump<K extends string | number>(record: Partial<Record<K, number>>, key: K): void {
  record[key] = (record[key] ?? 0) + 1;
}

export class CentralSimulator {
  private faults: CentralFaults;
  private readonly random: () => number;
  private readonly kiosks = new Map<string, RegisteredKiosk>();
  private readonly verifier: HttpMessageVerifier;
  private readonly operations: CentralOperations;
  private readonly tally = {
    requests: 0,
    byOperation: {} as Partial<Record<OperationId, number>>,
    statuses: {} as Record<number, number>,
    faults: {} as Partial<Record<InjectedFault, number>>,
    signatureRefusals: {} as Partial<Record<SignatureFailureReason, number>>,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    contractViolations: 0,
  };
  private url_ = '';

  private constructor(
    private readonly server: Server,
    private readonly store: CentralStore,
    private readonly contract: CentralContract,
    private readonly options: CentralSimulatorOptions,
  ) {
    this.faults = checkFaults({ ...NO_FAULTS, ...options.faults });
    this.random = seededRandom(options.seed ?? 1);
    for (const kiosk of options.kiosks ?? []) this.kiosks.set(kiosk.keyId, kiosk);
    this.verifier = new HttpMessageVerifier((keyId) => this.kiosks.get(keyId)?.publicKey, options.signaturePolicy ?? {});
    this.operations = new CentralOperations(store, contract, { ...(options.trustStore ? { trustStore: options.trustStore } : {}) });
    this.setDepartments(options.departments ?? SYNTHETIC_DEPARTMENTS);
  }

  /** Starts listening; resolves once the port is bound. Rejects when the port is taken or the store cannot be opened. */
  static async start(options: CentralSimulatorOptions): Promise<CentralSimulator> {
    const contract = options.contract ?? CentralContract.load();
    const store = await CentralStore.open(options.dataDir, { durable: options.durable ?? true });
    const ref: { simulator?: CentralSimulator } = {};
    const handler = (req: IncomingMessage, res: ServerResponse) => void ref.simulator!.handle(req, res);
    const server = options.tls
      ? createHttpsServer(
          {
            key: options.tls.key,
            cert: options.tls.cert,
            ...(options.tls.ca ? { ca: options.tls.ca } : {}),
            requestCert: options.tls.requireClientCertificate === true,
            rejectUnauthorized: options.tls.requireClientCertificate === true,
          },
          handler,
        )
      : createHttpServer(handler);
    server.keepAliveTimeout = 30_000;
    const simulator = new CentralSimulator(server, store, contract, options);
    ref.simulator = simulator;
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    simulator.url_ = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
    return simulator;
  }

  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  get url(): string {
    return this.url_;
  }

  setFaults(faults: Partial<CentralFaults>): void {
    this.faults = checkFaults({ ...this.faults, ...faults });
  }

  registerKiosk(kiosk: RegisteredKiosk): void {
    this.kiosks.set(kiosk.keyId, kiosk);
  }

  /** Items the rule names a reason for are rejected (after signature, schema and duplicate checks). */
  setRejectionRule(rule: RejectionRule | undefined): void {
    this.operations.rejectionRule = rule;
  }

  /**
   * Replaces the department list kiosks are served (its updatedAt becomes now). Throws RangeError,
   * naming the field, for a list the document does not allow: the simulator never serves one.
   */
  setDepartments(departments: readonly CentralDepartment[]): void {
    const parsed = DepartmentListSchema.safeParse({ departments, updatedAt: new Date().toISOString() });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RangeError(`the department list is not valid at /${issue.path.join('/')}: ${issue.message}`);
    }
    this.operations.departments = parsed.data;
  }

  counts(): CentralCounts {
    const t = this.tally;
    return Object.freeze({
      ...t,
      byOperation: { ...t.byOperation },
      statuses: { ...t.statuses },
      faults: { ...t.faults },
      signatureRefusals: { ...t.signatureRefusals },
      stored: this.store.size,
      verifications: this.operations.verifications,
    });
  }

  /** Every check-in stored, once per idempotency key. */
  received(): readonly StoredCheckIn[] {
    return this.store.all();
  }

  lastHeartbeat(kioskId: string): Heartbeat | undefined {
    return this.operations.lastHeartbeat(kioskId);
  }

  /** Stops listening, drops open connections and closes the store. Idempotent. */
  async close(): Promise<void> {
    if (!this.server.listening) {
      await this.store.close();
      return;
    }
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    await this.store.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.tally.requests += 1;
    try {
      const body = await readBody(req, this.options.maxBodyBytes ?? 8 * 1024 * 1024);
      const faults = this.faults;
      const spike = this.random() < faults.latencySpikeRate;
      if (spike) bump(this.tally.faults, 'latency-spike');
      const delay = faults.latencyMs + (spike ? faults.latencySpikeMs : 0);
      if (delay > 0) await sleep(delay);
      if (this.random() < faults.resetRate) {
        bump(this.tally.faults, 'reset');
        req.socket.destroy();
        return;
      }
      if (this.random() < faults.serverErrorRate) {
        bump(this.tally.faults, 'server-error');
        const status = [500, 502, 503][Math.floor(this.random() * 3)]!;
        // 502 is a gateway's answer: it is not in the document, and a client must cope with it anyway.
        return this.send(req, res, undefined, problem(status, 'INJECTED_FAULT', 'Simulated server failure'));
      }
      if (this.random() < faults.rateLimitRate) {
        bump(this.tally.faults, 'rate-limit');
        const reply = problem(429, 'RATE_LIMITED', 'Too many requests');
        return this.send(req, res, undefined, { ...reply, headers: { 'retry-after': String(faults.retryAfterSeconds) } });
      }
      const reply = await this.route(req, body);
      if (reply.operation !== undefined && this.random() < faults.lostResponseRate) {
        bump(this.tally.faults, 'lost-response');
        req.socket.destroy();
        return;
      }
      await this.send(req, res, reply.operation, reply.reply);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return this.send(req, res, undefined, problem(413, 'BODY_TOO_LARGE', 'The request body is too large'));
      if (!res.headersSent && !req.socket.destroyed) await this.send(req, res, undefined, problem(500, 'SIMULATOR_ERROR', 'The simulator failed', (err as Error).message));
      else req.socket.destroy();
    }
  }

  private async route(req: IncomingMessage, body: Buffer): Promise<{ operation?: OperationId; reply: Reply }> {
    const path = (req.url ?? '/').split('?')[0]!;
    const match = CentralContract.match(req.method ?? 'GET', path);
    if (match === undefined) return { reply: problem(404, 'NOT_FOUND', 'No such operation') };
    const { operation, params } = match;
    bump(this.tally.byOperation, operation);

    let signer: RegisteredKiosk;
    try {
      const scheme = this.options.tls ? 'https' : 'http';
      const verified = this.verifier.verify({ method: req.method ?? 'GET', targetUri: `${scheme}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, headers: req.headers }, body);
      signer = this.kiosks.get(verified.keyId)!;
    } catch (err) {
      if (!(err instanceof SignatureError)) throw err;
      bump(this.tally.signatureRefusals, err.reason);
      return { reply: problem(401, err.code, 'Signature refused', err.message) };
    }

    if (operation === 'listDepartments') {
      // No body: the kiosk is named by the path, which the signature covers.
      if (body.length > 0) return { reply: problem(400, 'INVALID_REQUEST', 'A GET takes no body') };
      const kioskId = params.kioskId ?? '';
      if (!this.contract.validateSchema('KioskId', kioskId).ok) return { reply: problem(400, 'INVALID_REQUEST', 'The kiosk id in the path is not valid') };
      if (kioskId !== signer.kioskId) return { reply: problem(401, 'KIOSK_MISMATCH', 'The path names another kiosk than the signer') };
      return { operation, reply: this.operations.listDepartments() };
    }

    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith(JSON_TYPE)) return { reply: problem(400, 'UNSUPPORTED_MEDIA_TYPE', 'Send application/json') };
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return { reply: problem(400, 'INVALID_JSON', 'The body is not JSON') };
    }
    const check = this.contract.validateRequest(operation, json);
    // A batch whose envelope holds is answered item by item, so one bad record does not block the rest.
    if (!check.ok && !(operation === 'uploadCheckIns' && isBatchEnvelope(json))) {
      return { reply: problem(400, 'INVALID_REQUEST', 'The request does not match the contract', check.errors.join('; ')) };
    }
    if ((json as { kioskId: string }).kioskId !== signer.kioskId) return { reply: problem(401, 'KIOSK_MISMATCH', 'The body names another kiosk than the signer') };

    switch (operation) {
      case 'issueNonce':
        return { operation, reply: this.operations.issueNonce(signer.kioskId) };
      case 'verifyIdentity':
        return { operation, reply: await this.operations.verifyIdentity(signer.kioskId, json as IdentityVerificationRequest) };
      case 'heartbeat':
        return { operation, reply: this.operations.heartbeat(signer.kioskId, json as Heartbeat) };
      case 'uploadCheckIns': {
        const reply = await this.operations.uploadCheckIns(signer.kioskId, json as CheckInBatch);
        if (reply.status === 200) {
          for (const r of (reply.body as { results: CheckInResult[] }).results) {
            if (r.status === 'accepted') this.tally.accepted += 1;
            else if (r.status === 'duplicate') this.tally.duplicates += 1;
            else this.tally.rejected += 1;
          }
        }
        return { operation, reply };
      }
    }
  }

  private async send(_req: IncomingMessage, res: ServerResponse, operation: OperationId | undefined, reply: Reply): Promise<void> {
    let { status, body } = reply;
    if (operation !== undefined) {
      const check = this.contract.validateResponse(operation, status, body);
      if (!check.ok) {
        this.tally.contractViolations += 1;
        ({ status, body } = problem(500, 'SIMULATOR_CONTRACT_VIOLATION', 'The simulator broke the contract', check.errors.join('; ')));
      }
    }
    bump(this.tally.statuses, status);
    const bytes = Buffer.from(JSON.stringify(body), 'utf8');
    res.writeHead(status, { 'content-type': status >= 400 ? PROBLEM_TYPE : JSON_TYPE, 'content-length': bytes.length, ...reply.headers });
    if (this.random() < this.faults.slowBodyRate && bytes.length > 1) {
      bump(this.tally.faults, 'slow-body');
      const chunk = Math.ceil(bytes.length / 8);
      for (let offset = 0; offset < bytes.length; offset += chunk) {
        if (res.destroyed) return;
        res.write(bytes.subarray(offset, offset + chunk));
        await sleep(this.faults.slowBodyChunkDelayMs);
      }
      res.end();
      return;
    }
    res.end(bytes);
  }
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function isBatchEnvelope(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const { kioskId, items } = json as { kioskId?: unknown; items?: unknown };
  return typeof kioskId === 'string' && Array.isArray(items) && items.length >= 1 && items.length <= 500;
}
