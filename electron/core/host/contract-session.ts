// One client of the contract, whatever carries its frames (a WebSocket here; a MessagePort relayed by
// the Electron shell later). The session enforces the protocol of electron/contract/index.ts: hello
// first with the right version, one reply per request, typed errors for anything malformed, and it
// never lets a client's frame or a handler's failure escape as an exception.

import { randomBytes } from 'node:crypto';
import { Emitter, type Event } from '../../../native/hal/event.ts';
import { KioskError, USER_MESSAGES } from '../../../native/hal/errors.ts';
import type { Logger } from '../../../native/util/logger.ts';
import {
  CONTRACT_VERSION,
  contractError,
  encodeServerMessage,
  IdentifierSchema,
  parseClientMessage,
  type ClientRequest,
  type ClientRole,
  type ContractError,
  type CoreEvent,
  type Language,
  type FlowKind,
  type RequestId,
  type Result,
  type ServerMessage,
} from '../../contract/index.ts';
import { tokenMatches } from './host-token.ts';
import { RequestRefusedError } from './request-refused-error.ts';

/** What carries a session's frames. `send` takes a validated JSON text frame. */
export interface SessionTransport {
  send(text: string): void;
  /** Ends the connection; `code` follows WebSocket close codes (1000 normal, 1008 policy). */
  close(code: number, reason: string): void;
}

/** What the kiosk tells a client in reply to its hello. */
export interface KioskInfo {
  readonly kioskId: string;
  readonly flow: FlowKind;
  readonly languages: readonly Language[];
  readonly appVersion: string;
  readonly demo: boolean;
}

/** Every request except the two the session answers itself (hello, ping). */
export type HostedRequest = Exclude<ClientRequest, { type: 'hello' | 'ping' }>;

/**
 * The core's request handler. It resolves with the result to reply (`{ kind: 'accepted' }` for a flow
 * intent) or throws RequestRefusedError for a typed refusal; any other error is logged and answered
 * with INTERNAL (or with the KioskError's own user message), and the session stays usable.
 */
export type RequestHandler = (request: HostedRequest, session: HostSession) => Result | Promise<Result>;

/** A connected client as the core sees it. */
export interface HostSession {
  readonly id: string;
  /** Null until the client said hello. */
  readonly role: ClientRole | null;
  /** Sends one message to this client only (diagnostics views). Errors: ContractViolationError. */
  send(message: ServerMessage): void;
  readonly onDidClose: Event<void>;
}

export interface ContractSessionOptions {
  readonly transport: SessionTransport;
  readonly handler: RequestHandler;
  readonly kiosk: KioskInfo;
  /** When set, a hello that carries a token must carry this one. */
  readonly token?: string;
  /** The latest snapshot, sent right after the hello reply. */
  readonly latestSnapshot: () => string | null;
  readonly logger: Logger;
}

const CLOSE_POLICY = 1008;

export class ContractSession implements HostSession {
  readonly id = randomBytes(6).toString('hex');
  private greetedRole: ClientRole | null = null;
  private closed = false;
  private readonly closeEmitter = new Emitter<void>();
  readonly onDidClose = this.closeEmitter.event;
  private readonly log: Logger;

  constructor(private readonly options: ContractSessionOptions) {
    this.log = options.logger.child({ sessionId: this.id });
  }

  get role(): ClientRole | null {
    return this.greetedRole;
  }

  get greeted(): boolean {
    return this.greetedRole !== null;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(message: ServerMessage): void {
    this.sendText(encodeServerMessage(message));
  }

  /** Sends an already encoded (and validated) frame; dropped once the session has closed. */
  sendText(text: string): void {
    if (this.closed) return;
    this.options.transport.send(text);
  }

  /** Handles one incoming text frame. Never throws and never rejects. */
  async receive(text: string): Promise<void> {
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.log.warn({ event: 'request-refused', code: parsed.error.code, paths: parsed.error.issues?.map((i) => i.path) ?? [], bytes: text.length }, 'refused a malformed request');
      this.replyError(parsed.id, parsed.error);
      return;
    }
    const request = parsed.request;
    this.log.debug({ event: 'request', type: request.type, id: request.id }, 'request');
    if (request.type === 'ping') return this.replyOk(request.id, { kind: 'pong', at: Date.now() });
    if (request.type === 'hello') return this.hello(request);
    if (!this.greeted) return this.replyError(request.id, contractError('HELLO_REQUIRED'));
    await this.dispatch(request);
  }

  /** A frame the transport could not deliver as text (binary). */
  refuseBinary(): void {
    this.log.warn({ event: 'request-refused', code: 'BAD_MESSAGE' }, 'refused a binary frame');
    this.replyError(null, contractError('BAD_MESSAGE', { detail: 'frames are JSON text, not binary' }));
  }

  /** Marks the session closed (the transport ended) and tells the core. Idempotent. */
  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeEmitter.fire();
    this.closeEmitter.dispose();
  }

  /** Closes the connection from the core's side. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.options.transport.close(code, reason);
    this.markClosed();
  }

  /** Sends an event to this session. */
  publish(event: CoreEvent): void {
    this.send({ type: 'event', event });
  }

  private hello(request: Extract<ClientRequest, { type: 'hello' }>): void {
    if (this.greeted) return this.replyError(request.id, contractError('ALREADY_GREETED'));
    if (request.version !== CONTRACT_VERSION) {
      this.log.warn({ event: 'version-mismatch', clientVersion: request.version, contractVersion: CONTRACT_VERSION }, 'client speaks another contract version');
      this.replyError(request.id, contractError('VERSION_MISMATCH', { detail: `the core speaks contract version ${CONTRACT_VERSION}, the client ${request.version}` }));
      this.close(CLOSE_POLICY, 'VERSION_MISMATCH');
      return;
    }
    if (request.token !== undefined && this.options.token !== undefined && !tokenMatches(request.token, this.options.token)) {
      this.log.warn({ event: 'hello-refused', reason: 'token' }, 'hello with a wrong token');
      this.replyError(request.id, contractError('UNAUTHORIZED'));
      this.close(CLOSE_POLICY, 'UNAUTHORIZED');
      return;
    }
    this.greetedRole = request.role ?? 'screen';
    this.log.info({ event: 'hello', role: this.greetedRole }, 'session said hello');
    const { kiosk } = this.options;
    this.replyOk(request.id, {
      kind: 'hello',
      contractVersion: CONTRACT_VERSION,
      sessionId: this.id,
      role: this.greetedRole,
      kiosk: { kioskId: kiosk.kioskId, flow: kiosk.flow, languages: [...kiosk.languages], appVersion: kiosk.appVersion, demo: kiosk.demo },
    });
    const snapshot = this.options.latestSnapshot();
    if (snapshot !== null) this.sendText(snapshot);
  }

  private async dispatch(request: HostedRequest): Promise<void> {
    let result: Result;
    try {
      result = await this.options.handler(request, this);
    } catch (err) {
      this.replyError(request.id, this.errorFor(err, request.type));
      return;
    }
    this.replyOk(request.id, result);
  }

  private errorFor(err: unknown, type: string): ContractError {
    if (err instanceof RequestRefusedError) {
      this.log.info({ event: 'request-refused', type, code: err.error.code, reason: err.error.reason }, 'request refused');
      return err.error;
    }
    if (err instanceof KioskError) {
      this.log.warn({ event: 'request-failed', type, code: err.code, step: err.step, detail: err.message }, 'request failed');
      const reason = IdentifierSchema.safeParse(err.code);
      return contractError('INTERNAL', { message: USER_MESSAGES[err.userMessageKey], ...(reason.success ? { reason: reason.data } : {}) });
    }
    const name = err instanceof Error ? err.name : typeof err;
    const detail = err instanceof Error ? err.message.slice(0, 300) : undefined;
    this.log.error({ event: 'request-failed', type, error: name, detail }, 'request handler failed');
    return contractError('INTERNAL');
  }

  private replyOk(id: RequestId, result: Result): void {
    let text: string;
    try {
      text = encodeServerMessage({ type: 'ok', id, result });
    } catch (err) {
      // The handler's result breaks the contract: a core bug. The client still gets its one reply.
      this.log.error({ event: 'reply-invalid', kind: result.kind, detail: err instanceof Error ? err.message.slice(0, 500) : String(err) }, 'reply breaks the contract');
      text = encodeServerMessage({ type: 'error', id, error: contractError('INTERNAL', { detail: 'the core produced an invalid reply' }) });
    }
    this.sendText(text);
  }

  private replyError(id: RequestId | null, error: ContractError): void {
    this.sendText(encodeServerMessage({ type: 'error', id, error }));
  }
}
