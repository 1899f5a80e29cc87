// The renderer's side of the contract: one session with the core at a time, over a Transport. It says
// hello first, keeps the newest state snapshot (dropping any older one that arrives late), matches
// replies to requests, hands events to listeners, and reconnects with backoff when the connection ends.
// Every frame received is parsed with the contract's parseServerMessage; every request is validated
// with ClientRequestSchema (encodeClientMessage) before it is sent.

import {
  CONTRACT_VERSION,
  encodeClientMessage,
  parseServerMessage,
  type ClientRequest,
  type CoreEvent,
  type ResultOf,
  type Result,
  type ServerMessage,
  type StateSnapshot,
} from '../../../electron/contract/index.ts';
import { RequestFailedError } from './request-failed-error.ts';
import type { Transport, TransportConnection } from './transport.ts';

/** First reconnect delay; doubles after each failed attempt up to RECONNECT_MAX_MS. */
export const RECONNECT_INITIAL_MS = 250;
export const RECONNECT_MAX_MS = 5_000;
/** A hello unanswered for this long ends the attempt (a relay that is not really up). */
export const HELLO_TIMEOUT_MS = 10_000;
/** After VERSION_MISMATCH the page reloads after this long (a new renderer may have been installed). */
export const VERSION_MISMATCH_RELOAD_MS = 30_000;
/** At most one `flow.activity` per this interval. */
export const ACTIVITY_INTERVAL_MS = 5_000;

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** A request as a caller writes it: the client assigns the id. */
export type OutgoingRequest = WithoutId<ClientRequest>;
export type HelloResult = ResultOf<'hello'>;

export type ConnectionStatus = 'connecting' | 'open' | 'versionMismatch';

/** What the UI renders from. Immutable: a new object after every change. */
export interface ClientState {
  readonly status: ConnectionStatus;
  /** The hello reply of the current session. */
  readonly hello: HelloResult | null;
  /** The newest snapshot of the current session; null while connecting (no stale personal data). */
  readonly snapshot: StateSnapshot | null;
  /** Local clock (Date.now) when `snapshot` arrived: countdowns are measured from it. */
  readonly snapshotReceivedAt: number;
  /** Frames that failed to parse since start (ignored). */
  readonly malformedFrames: number;
  /** Snapshots dropped because a newer one had already arrived. */
  readonly staleSnapshots: number;
}

export interface ContractClientOptions {
  readonly transport: Transport;
  /** Our name for the core's log, e.g. `renderer 0.1.0`. */
  readonly clientName: string;
  /** Reloads the page (after VERSION_MISMATCH). */
  readonly reload?: () => void;
  /** Where codes of ignored problems go (never message bodies). Default: console.debug. */
  readonly debug?: (message: string) => void;
}

interface Pending {
  readonly resolve: (result: Result) => void;
  readonly reject: (error: RequestFailedError) => void;
}

const INITIAL_STATE: ClientState = Object.freeze({
  status: 'connecting',
  hello: null,
  snapshot: null,
  snapshotReceivedAt: 0,
  malformedFrames: 0,
  staleSnapshots: 0,
});

export class ContractClient {
  private readonly options: ContractClientOptions;
  private state: ClientState = INITIAL_STATE;
  private readonly stateListeners = new Set<() => void>();
  private readonly eventListeners = new Set<(event: CoreEvent) => void>();
  private connection: TransportConnection | null = null;
  /** Bumped per connection attempt, so late callbacks of an old one are ignored. */
  private generation = 0;
  private nextRequestId = 1;
  private readonly pending = new Map<string, Pending>();
  private helloId: string | null = null;
  private lastSeq = -1;
  private backoffMs = RECONNECT_INITIAL_MS;
  /** Set by a `shutdown` event: the delay before the next attempt, once. */
  private retryOverrideMs: number | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private helloTimer: ReturnType<typeof setTimeout> | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private lastActivitySentAt = Number.NEGATIVE_INFINITY;
  private stopped = true;

  constructor(options: ContractClientOptions) {
    this.options = options;
  }

  /** Current state; the same object until something changes (for useSyncExternalStore). */
  getState = (): ClientState => this.state;

  /** Subscribes to state changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  /** Subscribes to the core's events (device health, sync, diagnostics, shutdown). */
  onEvent(listener: (event: CoreEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Connects now; reconnects on every close until `stop()`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** Closes the connection and cancels every timer; pending requests fail with DISCONNECTED. */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = null;
    this.dropConnection();
    this.setState({ ...this.state, status: this.state.status === 'versionMismatch' ? 'versionMismatch' : 'connecting', hello: null, snapshot: null });
  }

  /**
   * Sends a request and resolves with the core's `ok` result. Errors: RequestFailedError with the
   * core's code (NOT_ALLOWED, PIN_WRONG, ...), NOT_CONNECTED when no session is open, DISCONNECTED when
   * the connection ended before the reply; ContractViolationError (a bug) when the request breaks the
   * contract.
   */
  request(request: OutgoingRequest): Promise<Result> {
    if (this.state.status !== 'open' || !this.connection) return Promise.reject(new RequestFailedError('NOT_CONNECTED'));
    const id = this.takeId();
    const frame = encodeClientMessage({ ...request, id } as ClientRequest);
    return new Promise<Result>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.connection?.send(frame);
    });
  }

  /**
   * Sends a flow intent and forgets it: what it changes arrives as the next snapshot, so a refusal is
   * not shown to the person (the snapshot is the truth); its code goes to the debug log.
   */
  sendIntent(intent: OutgoingRequest & { type: `flow.${string}` }): void {
    this.request(intent).catch((error: unknown) => this.debug(`intent ${intent.type} refused: ${codeOf(error)}`));
  }

  /**
   * The person touched the screen: postpones the idle reset with `flow.activity`, at most once per
   * ACTIVITY_INTERVAL_MS, and only while a step is counting down (the welcome screen never resets).
   */
  noteActivity(): void {
    const snapshot = this.state.snapshot;
    if (this.state.status !== 'open' || !snapshot || snapshot.deadlineAt === null) return;
    const now = Date.now();
    if (now - this.lastActivitySentAt < ACTIVITY_INTERVAL_MS) return;
    this.lastActivitySentAt = now;
    this.sendIntent({ type: 'flow.activity' });
  }

  // --- connection lifecycle -------------------------------------------------------------------

  private connect(): void {
    this.reconnectTimer = null;
    if (this.stopped) return;
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation;
    this.connection = this.options.transport.connect({
      onOpen: () => current() && this.onOpen(),
      onMessage: (frame) => current() && this.onFrame(frame),
      onClose: () => current() && this.onClose(),
    });
  }

  private onOpen(): void {
    // seq restarts with every core process: order only within this connection.
    this.lastSeq = -1;
    const id = this.takeId();
    this.helloId = id;
    const frame = encodeClientMessage({ type: 'hello', id, version: CONTRACT_VERSION, role: 'screen', client: this.options.clientName });
    this.connection?.send(frame);
    this.helloTimer = setTimeout(() => {
      this.debug('hello unanswered: reconnecting');
      this.restart();
    }, HELLO_TIMEOUT_MS);
  }

  private onClose(): void {
    this.dropConnection();
    if (this.stopped || this.state.status === 'versionMismatch') return;
    this.setState({ ...this.state, status: 'connecting', hello: null, snapshot: null });
    this.scheduleReconnect();
  }

  /** Ends the current connection on our side and goes through the same path as a close. */
  private restart(): void {
    this.generation++;
    this.onClose();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) return;
    let delay: number;
    if (this.retryOverrideMs !== null) {
      delay = this.retryOverrideMs;
      this.retryOverrideMs = null;
    } else {
      delay = this.backoffMs;
      this.backoffMs = Math.min(this.backoffMs * 2, RECONNECT_MAX_MS);
    }
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private dropConnection(): void {
    if (this.helloTimer) clearTimeout(this.helloTimer);
    this.helloTimer = null;
    this.helloId = null;
    const connection = this.connection;
    this.connection = null;
    this.generation++;
    connection?.close();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new RequestFailedError('DISCONNECTED'));
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.helloTimer) clearTimeout(this.helloTimer);
    this.reconnectTimer = null;
    this.helloTimer = null;
  }

  // --- frames --------------------------------------------------------------------------------------

  private onFrame(frame: string): void {
    const parsed = parseServerMessage(frame);
    if (!parsed.ok) {
      this.debug(`ignored a malformed frame: ${parsed.error.code}`);
      this.setState({ ...this.state, malformedFrames: this.state.malformedFrames + 1 });
      return;
    }
    this.onMessage(parsed.message);
  }

  private onMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'ok':
        if (message.id === this.helloId) return this.onHelloReply(message.result);
        return this.settle(message.id, (p) => p.resolve(message.result));
      case 'error':
        if (message.id !== null && message.id === this.helloId) {
          if (message.error.code === 'VERSION_MISMATCH') return this.onVersionMismatch();
          this.debug(`hello refused: ${message.error.code}`);
          return this.restart();
        }
        if (message.id === null) return this.debug(`the core refused a frame: ${message.error.code}`);
        return this.settle(message.id, (p) => p.reject(new RequestFailedError(message.error.code, message.error)));
      case 'snapshot':
        return this.onSnapshot(message.snapshot);
      case 'event':
        if (message.event.kind === 'shutdown') this.retryOverrideMs = message.event.retryInMs;
        for (const listener of [...this.eventListeners]) listener(message.event);
        return;
    }
  }

  private onHelloReply(result: Result): void {
    if (this.helloTimer) clearTimeout(this.helloTimer);
    this.helloTimer = null;
    this.helloId = null;
    if (result.kind !== 'hello') {
      this.debug(`hello answered with ${result.kind}`);
      return this.restart();
    }
    this.backoffMs = RECONNECT_INITIAL_MS;
    this.retryOverrideMs = null;
    this.setState({ ...this.state, status: 'open', hello: result });
  }

  private onSnapshot(snapshot: StateSnapshot): void {
    if (this.state.status !== 'open') return this.debug('snapshot before hello ignored');
    if (snapshot.seq <= this.lastSeq) {
      this.setState({ ...this.state, staleSnapshots: this.state.staleSnapshots + 1 });
      return;
    }
    this.lastSeq = snapshot.seq;
    this.setState({ ...this.state, snapshot, snapshotReceivedAt: Date.now() });
  }

  private onVersionMismatch(): void {
    this.debug('VERSION_MISMATCH: this renderer and the core speak different contract versions');
    this.clearTimers();
    this.dropConnection();
    this.setState({ ...this.state, status: 'versionMismatch', hello: null, snapshot: null });
    const reload = this.options.reload;
    if (reload) this.reloadTimer = setTimeout(reload, VERSION_MISMATCH_RELOAD_MS);
  }

  private settle(id: string, action: (pending: Pending) => void): void {
    const pending = this.pending.get(id);
    if (!pending) return this.debug('a reply to no pending request');
    this.pending.delete(id);
    action(pending);
  }

  // --- helpers --------------------------------------------------------------------------------------

  private takeId(): string {
    return `r${this.nextRequestId++}`;
  }

  private setState(next: ClientState): void {
    this.state = Object.freeze(next);
    for (const listener of [...this.stateListeners]) listener();
  }

  private debug(message: string): void {
    (this.options.debug ?? ((m: string) => console.debug(`[contract] ${m}`)))(message);
  }
}

function codeOf(error: unknown): string {
  return error instanceof RequestFailedError ? error.code : error instanceof Error ? error.name : 'UNKNOWN';
}
