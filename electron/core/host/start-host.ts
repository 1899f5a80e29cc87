// The core's host: one HTTP server on 127.0.0.1 that serves the built renderer and carries the contract
// over a WebSocket on the same port (`/contract`). A client is admitted only with the per-start token
// (`?token=` on the upgrade URL; the shell opens the page with it in the fragment), from the host's own
// Origin (or one configured for a local agent; a client without Origin is a local program, not a web
// page, and is admitted on the token alone), and with a Host header naming this loopback port (DNS
// rebinding). Refusals are answered 403 and logged with their reason only, never with what was sent.

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { KioskError } from '../../../native/hal/errors.ts';
import type { Logger } from '../../../native/util/logger.ts';
import { encodeServerMessage, MAX_CLIENT_MESSAGE_BYTES, type CoreEvent, type StateSnapshot } from '../../contract/index.ts';
import { ContractSession, type KioskInfo, type RequestHandler } from './contract-session.ts';
import { createHostToken, tokenMatches } from './host-token.ts';
import { securityHeaders } from './security-headers.ts';
import { serveStatic } from './static-files.ts';

/** The path of the contract's WebSocket. */
export const CONTRACT_PATH = '/contract';

export interface HostOptions {
  /** Absolute path of the built renderer folder (served as static files). */
  readonly rendererDir: string;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Answers every request after hello (see RequestHandler). */
  readonly onMessage: RequestHandler;
  /** What the hello reply tells clients about this kiosk. */
  readonly kiosk: KioskInfo;
  readonly logger: Logger;
  /** Extra exact origins admitted besides the host's own, e.g. a hospital web system's (from config). */
  readonly allowedOrigins?: readonly string[];
  /** A fixed token (tests, a supervising shell that generated it); default: 256 fresh random bits. */
  readonly token?: string;
  /** Connected sessions at most; more are refused with 503. Default 8. */
  readonly maxSessions?: number;
  /** Interval of WebSocket pings; a client that misses one is dropped. Default 15 s. */
  readonly heartbeatMs?: number;
  /** How long close() waits for clients to answer the closing handshake before cutting them. Default 2 s. */
  readonly closeGraceMs?: number;
}

export interface Host {
  /** The host's origin with a trailing slash, e.g. `http://127.0.0.1:41234/` (no token). */
  readonly url: string;
  /** The URL a shell opens: `url` + `#token=…`. Secret: print it, never log it. */
  readonly kioskUrl: string;
  /** The contract's WebSocket URL without the token: `ws://127.0.0.1:PORT/contract`. */
  readonly contractUrl: string;
  readonly port: number;
  readonly token: string;
  /** Sessions connected now (greeted or not). */
  readonly sessionCount: number;
  /**
   * Sends a state snapshot to every greeted session and keeps it for sessions that greet later.
   * Errors: ContractViolationError when the snapshot breaks the contract (a core bug; nothing is sent).
   */
  broadcast(snapshot: StateSnapshot): void;
  /** Sends an event to every greeted session. Errors: ContractViolationError, as for broadcast. */
  publish(event: CoreEvent): void;
  /** Tells every client why, closes every session and the server. Resolves when all handles are gone. */
  close(reason?: 'stopping' | 'restarting'): Promise<void>;
}

/** The host could not start (port in use, no loopback). */
export class HostStartError extends KioskError {
  constructor(message: string, cause: unknown) {
    super('HOST_START_FAILED', message, { cause, step: 'host.listen' });
  }
}

/** Send-buffer size above which a client is too slow to keep (it would only see stale screens). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Frames up to this size are read and refused with TOO_LARGE; larger ones close the connection. */
const MAX_FRAME_BYTES = 4 * MAX_CLIENT_MESSAGE_BYTES;

type UpgradeRefusal = { status: 403 | 404 | 503; reason: 'path' | 'host' | 'origin' | 'token' | 'capacity' };

function refuseUpgrade(socket: Duplex, status: number): void {
  const text = status === 404 ? 'Not Found' : status === 503 ? 'Service Unavailable' : 'Forbidden';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/** Starts the host. Errors: HostStartError. */
export async function startHost(options: HostOptions): Promise<Host> {
  const log = options.logger.child({ module: 'host' });
  const token = options.token ?? createHostToken();
  const maxSessions = options.maxSessions ?? 8;
  const server: Server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const sessions = new Map<WebSocket, ContractSession>();
  const alive = new WeakSet<WebSocket>();
  let latestSnapshot: string | null = null;
  let closing: Promise<void> | null = null;

  try {
    server.listen(options.port ?? 0, '127.0.0.1');
    await once(server, 'listening');
  } catch (err) {
    server.close();
    throw new HostStartError(`cannot listen on 127.0.0.1:${options.port ?? 0}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, err);
  }
  server.on('error', (err) => log.error({ event: 'host-error', code: (err as NodeJS.ErrnoException).code ?? err.name }, 'host server error'));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  const headers = securityHeaders(origin);
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([origin, ...(options.allowedOrigins ?? [])]);

  function checkUpgrade(req: IncomingMessage): UpgradeRefusal | null {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      return { status: 404, reason: 'path' };
    }
    if (url.pathname !== CONTRACT_PATH) return { status: 404, reason: 'path' };
    if (!allowedHosts.has(req.headers.host ?? '')) return { status: 403, reason: 'host' };
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && !allowedOrigins.has(requestOrigin)) return { status: 403, reason: 'origin' };
    if (!tokenMatches(url.searchParams.get('token'), token)) return { status: 403, reason: 'token' };
    if (sessions.size >= maxSessions) return { status: 503, reason: 'capacity' };
    return null;
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      log.warn({ event: 'http-refused', reason: 'host' }, 'refused a request for another host');
      res.writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Forbidden\n');
      return;
    }
    void serveStatic(req, res, { rootDir: options.rendererDir, headers }).then((refusal) => {
      if (refusal !== null && refusal !== 'not-found') log.warn({ event: 'http-refused', reason: refusal, method: req.method }, 'refused a static request');
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = closing === null ? checkUpgrade(req) : ({ status: 503, reason: 'capacity' } as const);
    if (refusal !== null) {
      log.warn({ event: 'upgrade-refused', reason: refusal.reason, status: refusal.status }, 'refused a contract connection');
      refuseUpgrade(socket, refusal.status);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  function accept(ws: WebSocket): void {
    const session = new ContractSession({
      transport: {
        send: (text) => {
          if (ws.readyState !== ws.OPEN) return;
          if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
            log.warn({ event: 'session-dropped', sessionId: session.id, reason: 'slow-client' }, 'dropped a client that does not read');
            ws.terminate();
            return;
          }
          ws.send(text);
        },
        close: (code, reason) => ws.close(code, reason),
      },
      handler: options.onMessage,
      kiosk: options.kiosk,
      token,
      latestSnapshot: () => latestSnapshot,
      logger: log,
    });
    sessions.set(ws, session);
    alive.add(ws);
    log.info({ event: 'session-open', sessionId: session.id, sessions: sessions.size }, 'contract session opened');
    ws.on('pong', () => alive.add(ws));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      alive.add(ws);
      if (isBinary) session.refuseBinary();
      else void session.receive(rawText(data));
    });
    ws.on('error', (err) => log.warn({ event: 'session-error', sessionId: session.id, code: (err as NodeJS.ErrnoException).code ?? err.name }, 'contract connection error'));
    ws.on('close', (code) => {
      sessions.delete(ws);
      session.markClosed();
      log.info({ event: 'session-closed', sessionId: session.id, code, sessions: sessions.size }, 'contract session closed');
    });
  }

  const heartbeat = setInterval(() => {
    for (const ws of sessions.keys()) {
      if (!alive.has(ws)) {
        log.warn({ event: 'session-dropped', sessionId: sessions.get(ws)?.id, reason: 'heartbeat' }, 'dropped a client that stopped answering');
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  function sendToGreeted(text: string): void {
    for (const session of sessions.values()) if (session.greeted) session.sendText(text);
  }

  async function shutDown(reason: 'stopping' | 'restarting'): Promise<void> {
    clearInterval(heartbeat);
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    sendToGreeted(encodeServerMessage({ type: 'event', event: { kind: 'shutdown', reason, retryInMs: reason === 'restarting' ? 1000 : 0 } }));
    const sockets = [...sessions.keys()];
    const allClosed = Promise.all(sockets.map((ws) => (ws.readyState === ws.CLOSED ? Promise.resolve() : once(ws, 'close').then(() => undefined))));
    for (const ws of sockets) ws.close(1001, reason === 'restarting' ? 'core restarting' : 'core stopping');
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([allClosed, new Promise<void>((resolve) => (grace = setTimeout(resolve, options.closeGraceMs ?? 2000)))]);
    clearTimeout(grace);
    for (const ws of sessions.keys()) ws.terminate();
    await allClosed;
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    server.closeAllConnections();
    await serverClosed;
    log.info({ event: 'host-closed', reason }, 'host closed');
  }

  const url = `${origin}/`;
  log.info({ event: 'host-started', url, port }, 'host listening on loopback');
  return {
    url,
    kioskUrl: `${url}#token=${token}`,
    contractUrl: `ws://127.0.0.1:${port}${CONTRACT_PATH}`,
    port,
    token,
    get sessionCount() {
      return sessions.size;
    },
    broadcast(snapshot) {
      const text = encodeServerMessage({ type: 'snapshot', snapshot });
      latestSnapshot = text;
      sendToGreeted(text);
    },
    publish(event) {
      sendToGreeted(encodeServerMessage({ type: 'event', event }));
    },
    close(reason = 'stopping') {
      closing ??= shutDown(reason);
      return closing;
    },
  };
}
