// The seam between the contract client and the wire. Two transports implement it: a WebSocket to the
// core's host (browser shell) and the Electron preload's `window.kiosk` bridge. Tests drive the client
// through a fake one.

/** What a transport reports about one connection attempt. */
export interface TransportHandlers {
  /** The connection can carry frames now (the client says hello). */
  onOpen(): void;
  /** One text frame from the core, unparsed. */
  onMessage(frame: string): void;
  /** The connection ended (or never opened). Called at most once per connection. */
  onClose(): void;
}

/** One connection attempt. After `close()` (or `onClose`) it delivers nothing more. */
export interface TransportConnection {
  /** Sends one text frame; silently dropped when the connection is not open. */
  send(frame: string): void;
  close(): void;
}

export interface Transport {
  /** A short name for logs: `websocket`, `bridge`. */
  readonly kind: string;
  /** Starts a connection attempt. Obligation: report `onOpen` or `onClose` eventually (asynchronously). */
  connect(handlers: TransportHandlers): TransportConnection;
}
