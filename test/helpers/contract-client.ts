// A contract client for tests: a real `ws` WebSocket to a running host, every parsed message kept in
// order, and waits by predicate (resolved by messages, never by elapsed time).

import { WebSocket } from 'ws';
import { parseServerMessage, type ClientRequest, type ServerMessage } from '../../electron/contract/index.ts';

export interface ContractClient {
  readonly ws: WebSocket;
  readonly messages: ServerMessage[];
  /** Frames the client could not parse as contract messages (should stay empty). */
  readonly invalid: string[];
  send(request: ClientRequest): void;
  /** Sends a frame as is (malformed messages, binary frames). */
  sendRaw(text: string | Buffer): void;
  /** Resolves with the first message (already received or future) that matches. */
  next<T extends ServerMessage>(match: (m: ServerMessage) => m is T): Promise<T>;
  next(match: (m: ServerMessage) => boolean): Promise<ServerMessage>;
  /** Resolves with the reply to request `id`. */
  reply(id: string): Promise<Extract<ServerMessage, { type: 'ok' | 'error' }>>;
  /** Resolves with the close code and reason. */
  closed(): Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly token?: string | null;
  readonly origin?: string | null;
  readonly headers?: Record<string, string>;
}

/** Connects to `contractUrl`; resolves when open, rejects with the HTTP status of a refused upgrade. */
export function connectContract(contractUrl: string, options: ConnectOptions = {}): Promise<ContractClient> {
  const url = options.token === null || options.token === undefined ? contractUrl : `${contractUrl}?token=${encodeURIComponent(options.token)}`;
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const ws = new WebSocket(url, { headers, ...(options.origin ? { origin: options.origin } : {}) });
  const messages: ServerMessage[] = [];
  const invalid: string[] = [];
  const waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on('message', (data) => {
    const text = (data as Buffer).toString('utf8');
    const parsed = parseServerMessage(text);
    if (!parsed.ok) {
      invalid.push(text);
      return;
    }
    messages.push(parsed.message);
    for (const waiter of [...waiters]) {
      if (waiter.match(parsed.message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(parsed.message);
      }
    }
  });
  const client: ContractClient = {
    ws,
    messages,
    invalid,
    send: (request) => ws.send(JSON.stringify(request)),
    sendRaw: (text) => ws.send(text),
    next: ((match: (m: ServerMessage) => boolean) =>
      new Promise<ServerMessage>((resolve) => {
        const found = messages.find(match);
        if (found) resolve(found);
        else waiters.push({ match, resolve });
      })) as ContractClient['next'],
    reply: (id) => client.next((m): m is Extract<ServerMessage, { type: 'ok' | 'error' }> => (m.type === 'ok' || m.type === 'error') && m.id === id),
    closed: () => closed,
    close: async () => {
      if (ws.readyState !== ws.CLOSED) {
        ws.close();
        await closed;
      }
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`upgrade refused with HTTP ${res.statusCode}`), { status: res.statusCode }));
      res.resume();
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}
