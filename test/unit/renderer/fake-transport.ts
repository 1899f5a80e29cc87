// A transport the tests drive by hand: they open, feed and drop connections and read what was sent.

import type { Transport, TransportConnection, TransportHandlers } from '../../../renderer/src/contract/transport.ts';

export class FakeConnection implements TransportConnection {
  readonly sent: string[] = [];
  closedByClient = false;
  private readonly handlers: TransportHandlers;

  constructor(handlers: TransportHandlers) {
    this.handlers = handlers;
  }

  /** The requests sent on this connection, parsed. */
  get requests(): Array<Record<string, unknown> & { type: string; id: string }> {
    return this.sent.map((f) => JSON.parse(f) as Record<string, unknown> & { type: string; id: string });
  }

  open(): void {
    this.handlers.onOpen();
  }

  /** Delivers a frame from the core: an object is sent as JSON, a string as it is. */
  receive(message: object | string): void {
    this.handlers.onMessage(typeof message === 'string' ? message : JSON.stringify(message));
  }

  drop(): void {
    this.handlers.onClose();
  }

  send(frame: string): void {
    this.sent.push(frame);
  }

  close(): void {
    this.closedByClient = true;
  }
}

export class FakeTransport implements Transport {
  readonly kind = 'fake';
  readonly connections: FakeConnection[] = [];

  connect(handlers: TransportHandlers): TransportConnection {
    const connection = new FakeConnection(handlers);
    this.connections.push(connection);
    return connection;
  }

  get last(): FakeConnection {
    const last = this.connections.at(-1);
    if (!last) throw new Error('no connection attempt yet');
    return last;
  }
}

/** The core's hello reply for a request id. */
export function helloOk(id: string, demo = false) {
  return {
    type: 'ok',
    id,
    result: { kind: 'hello', contractVersion: 1, sessionId: 's-1', role: 'screen', kiosk: { kioskId: 'kiosk-test-01', flow: 'hospital', languages: ['vi', 'en'], appVersion: '0.1.0', demo } },
  };
}
