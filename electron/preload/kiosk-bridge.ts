// `window.kiosk`: the renderer's whole access to the shell. Five members, frozen, built from the
// contract's constants: the contract version, send a frame, listen to frames, listen to the session's
// status, listen to the shell's word on the core (restarting). The frames travel over a MessagePort that main hands over (after checking it is the kiosk
// page asking); ipcRenderer itself never reaches the page. When the port's session ends (the core
// restarted), listeners hear 'closed', and a new port is asked for after a short pause. The bridge also
// answers main's heartbeat (renderer-watchdog.ts), which never reaches the page.

import { CONTRACT_VERSION } from '../contract/contract-version.ts';
import { CONTRACT_CLOSED_CHANNEL, CONTRACT_PORT_CHANNEL, CORE_STATUS_CHANNEL, HEARTBEAT_ACK_CHANNEL, HEARTBEAT_CHANNEL, REQUEST_PORT_CHANNEL } from './ipc-channels.ts';

/**
 * The contract's MAX_CLIENT_MESSAGE_BYTES (electron/contract/common.ts). Copied, not imported: that
 * module builds zod schemas at load, which would triple the sandboxed preload for one number. A unit
 * test holds the two equal.
 */
export const MAX_FRAME_BYTES = 16 * 1024;

export type KioskConnectionStatus = 'open' | 'closed';
/** What the shell says of the core between sessions: 'restarting' while it brings a dead core back. */
export type KioskCoreStatus = 'running' | 'restarting';

/** What the renderer sees as `window.kiosk`. */
export interface KioskBridge {
  readonly contractVersion: typeof CONTRACT_VERSION;
  /**
   * Sends one contract frame (JSON text) to the core. Returns false, sending nothing, when the frame
   * is not a string, is larger than MAX_FRAME_BYTES, or no session is open.
   */
  send(frame: string): boolean;
  /** Listens to the core's frames (JSON text); returns the unsubscribe function. */
  onMessage(listener: (frame: string) => void): () => void;
  /**
   * Listens to the session: 'open' (send `hello` now) and 'closed' (show "reconnecting"). The listener
   * is called at once with the current status, so a page that subscribes late misses no 'open'.
   */
  onStatus(listener: (status: KioskConnectionStatus) => void): () => void;
  /**
   * Listens to the shell's word on the core: 'restarting' (the device service died and is being
   * restarted: say so instead of a bare "reconnecting") until the next session opens ('running').
   * Called at once with the current value.
   */
  onCoreStatus(listener: (status: KioskCoreStatus) => void): () => void;
}

/** The parts of ipcRenderer the bridge uses. */
export interface BridgeIpc {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: { ports: readonly BridgePort[] }, ...args: unknown[]) => void): unknown;
}

/** The parts of a DOM MessagePort the bridge uses. */
export interface BridgePort {
  onmessage: ((event: { data: unknown }) => void) | null;
  addEventListener?(type: 'close', listener: () => void): void;
  postMessage(message: string): void;
  start(): void;
  close(): void;
}

export interface BridgeOptions {
  /** Pause before asking again for a port after a session ended. Default 1 s. */
  readonly retryMs?: number;
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
}

const encoder = new TextEncoder();

function fitsFrame(frame: unknown): frame is string {
  if (typeof frame !== 'string') return false;
  if (frame.length > MAX_FRAME_BYTES) return false;
  return frame.length * 3 <= MAX_FRAME_BYTES || encoder.encode(frame).length <= MAX_FRAME_BYTES;
}

function notify<T>(listeners: Set<(value: T) => void>, value: T): void {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (err) {
      // One faulty listener must not starve the others of frames.
      queueMicrotask(() => {
        throw err;
      });
    }
  }
}

/** Builds the frozen bridge over `ipc` and asks main for the first port. */
export function createKioskBridge(ipc: BridgeIpc, options: BridgeOptions = {}): KioskBridge {
  const retryMs = options.retryMs ?? 1_000;
  const later = options.setTimeout ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const messageListeners = new Set<(frame: string) => void>();
  const statusListeners = new Set<(status: KioskConnectionStatus) => void>();
  const coreListeners = new Set<(status: KioskCoreStatus) => void>();
  let coreStatus: KioskCoreStatus = 'running';
  const setCoreStatus = (next: KioskCoreStatus) => {
    if (next === coreStatus) return;
    coreStatus = next;
    notify(coreListeners, next);
  };
  let port: BridgePort | null = null;
  let retryPending = false;

  const requestPort = () => {
    retryPending = false;
    if (port === null) ipc.send(REQUEST_PORT_CHANNEL);
  };

  const endSession = (ended: BridgePort) => {
    if (port !== ended) return;
    port = null;
    ended.onmessage = null;
    ended.close();
    notify(statusListeners, 'closed');
    if (!retryPending) {
      retryPending = true;
      later(requestPort, retryMs);
    }
  };

  ipc.on(CONTRACT_PORT_CHANNEL, (event) => {
    const next = event.ports[0];
    if (next === undefined) return;
    if (port !== null) endSession(port);
    port = next;
    next.onmessage = (message) => {
      if (typeof message.data === 'string') notify(messageListeners, message.data);
    };
    next.addEventListener?.('close', () => endSession(next));
    next.start();
    setCoreStatus('running');
    notify(statusListeners, 'open');
  });
  ipc.on(CONTRACT_CLOSED_CHANNEL, () => {
    if (port !== null) endSession(port);
    else if (!retryPending) {
      // A request that could not be served (the core was down): ask again after the pause.
      retryPending = true;
      later(requestPort, retryMs);
    }
  });
  // The watchdog's heartbeat is answered here, on the page's main thread (where a sandboxed preload
  // runs): a page whose main thread hangs cannot answer, and main reloads it.
  ipc.on(HEARTBEAT_CHANNEL, (_event, beat) => {
    if (typeof beat === 'number' && Number.isSafeInteger(beat)) ipc.send(HEARTBEAT_ACK_CHANNEL, beat);
  });
  ipc.on(CORE_STATUS_CHANNEL, (_event, status) => {
    if (status === 'restarting' && port === null) setCoreStatus('restarting');
  });
  ipc.send(REQUEST_PORT_CHANNEL);

  return Object.freeze({
    contractVersion: CONTRACT_VERSION,
    send(frame: string): boolean {
      if (!fitsFrame(frame) || port === null) return false;
      port.postMessage(frame);
      return true;
    },
    onMessage(listener: (frame: string) => void): () => void {
      messageListeners.add(listener);
      return () => void messageListeners.delete(listener);
    },
    onStatus(listener: (status: KioskConnectionStatus) => void): () => void {
      statusListeners.add(listener);
      listener(port === null ? 'closed' : 'open');
      return () => void statusListeners.delete(listener);
    },
    onCoreStatus(listener: (status: KioskCoreStatus) => void): () => void {
      coreListeners.add(listener);
      listener(coreStatus);
      return () => void coreListeners.delete(listener);
    },
  });
}
