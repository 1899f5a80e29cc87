// The renderer's contract session, relayed: one MessagePort (port1 of a MessageChannelMain, the other
// end held by the preload) joined to one WebSocket client of the core's contract endpoint. The port is
// handed to the renderer only once the socket is open, and either end closing closes the other, so a
// port's life is exactly one contract session: when the core restarts, the renderer sees its port
// close, asks for a new one, and greets the new core with `hello`.
//
// Main checks every frame the renderer sends against the contract before relaying it. The core would
// refuse a bad frame anyway, but a compromised renderer must not reach the core with garbage through
// the trusted side: refused frames are dropped and logged by reason and size only, never by content.

import WebSocket, { type RawData } from 'ws';
import type { Logger } from '../../native/util/logger.ts';
import { MAX_CLIENT_MESSAGE_BYTES, MAX_SERVER_MESSAGE_BYTES, parseClientMessage } from '../contract/index.ts';
import type { KioskCoreEndpoints } from '../core/app/kiosk-core-api.ts';

/** What the relay needs of Electron's MessagePortMain (Node's worker_threads MessagePort fits too). */
export interface RelayPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

export interface ContractRelayOptions {
  readonly endpoints: Pick<KioskCoreEndpoints, 'contractUrl' | 'token'>;
  readonly logger: Logger;
  /** How long the socket may take to open. Default 5 s. */
  readonly connectTimeoutMs?: number;
  /** Sees each text frame the core sends the renderer (the updater learns the screen from snapshots). */
  readonly onCoreFrame?: (frame: string) => void;
}

export type DropReason = 'not-text' | 'TOO_LARGE' | 'BAD_JSON' | 'BAD_MESSAGE' | 'UNKNOWN_TYPE' | 'not-open';

export interface ContractRelay {
  /** Joins the open socket to `port` (port1; port2 goes to the renderer). Call once. */
  attach(port: RelayPort): void;
  /** Called once, when the session is over (either end closed, or close()). */
  onDidClose(listener: () => void): void;
  /** Closes the socket and the port. Idempotent. */
  close(): void;
  /** Frames dropped so far, by reason (diagnostics, tests). */
  readonly dropped: Readonly<Record<string, number>>;
}

/** A frame's size in UTF-8 bytes, or the cheap bound when that already decides. */
function byteSize(text: string): number {
  return text.length > MAX_CLIENT_MESSAGE_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/**
 * Opens a WebSocket to the core's contract endpoint (with the token, and without an Origin header:
 * main is a local program, not a web page). Resolves with a relay once the socket is open.
 * Errors: the socket's error when it cannot connect (refused, 403, timeout).
 */
export function openContractRelay(options: ContractRelayOptions): Promise<ContractRelay> {
  const log = options.logger.child({ module: 'contract-relay' });
  const url = `${options.endpoints.contractUrl}?token=${encodeURIComponent(options.endpoints.token)}`;
  const socket = new WebSocket(url, {
    maxPayload: MAX_SERVER_MESSAGE_BYTES,
    perMessageDeflate: false,
    handshakeTimeout: options.connectTimeoutMs ?? 5_000,
    followRedirects: false,
  });
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.terminate();
      reject(err);
    };
    socket.once('error', fail);
    socket.once('unexpected-response', (_req, res) => fail(Object.assign(new Error(`the core refused the contract connection (${res.statusCode ?? 0})`), { status: res.statusCode })));
    socket.once('open', () => {
      socket.off('error', fail);
      resolve(relayOver(socket, log, options.onCoreFrame));
    });
  });
}

function relayOver(socket: WebSocket, log: Logger, onCoreFrame?: (frame: string) => void): ContractRelay {
  const dropped: Record<string, number> = {};
  const closeListeners: (() => void)[] = [];
  let port: RelayPort | null = null;
  let closed = false;

  const drop = (reason: DropReason, bytes: number) => {
    dropped[reason] = (dropped[reason] ?? 0) + 1;
    log.warn({ event: 'frame-dropped', reason, bytes }, 'dropped a renderer frame that breaks the contract');
  };

  const close = () => {
    if (closed) return;
    closed = true;
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(1000, 'relay closed');
    port?.close();
    for (const listener of closeListeners.splice(0)) listener();
  };

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary || port === null) return; // the core sends text only; nothing reaches a port not yet attached
    const frame = rawText(data);
    port.postMessage(frame);
    onCoreFrame?.(frame);
  });
  socket.on('error', (err) => log.warn({ event: 'relay-socket-error', code: (err as NodeJS.ErrnoException).code ?? err.name }, 'contract socket error'));
  socket.on('close', (code) => {
    log.info({ event: 'relay-socket-closed', code }, 'the core closed the contract session');
    close();
  });

  return {
    dropped,
    attach(p) {
      if (port !== null) throw new Error('the relay is already attached to a port');
      port = p;
      p.on('message', (event) => {
        const frame = event.data;
        if (typeof frame !== 'string') return drop('not-text', 0);
        const size = byteSize(frame);
        if (size > MAX_CLIENT_MESSAGE_BYTES) return drop('TOO_LARGE', size);
        const parsed = parseClientMessage(frame);
        if (!parsed.ok) return drop(parsed.error.code as DropReason, size);
        if (socket.readyState !== WebSocket.OPEN) return drop('not-open', size);
        socket.send(frame);
      });
      p.on('close', () => close());
      p.start();
      if (closed) p.close();
    },
    onDidClose(listener) {
      if (closed) listener();
      else closeListeners.push(listener);
    },
    close,
  };
}
