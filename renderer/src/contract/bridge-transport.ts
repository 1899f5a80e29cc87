// The Electron shell's transport: the frozen `window.kiosk` object that the preload exposes
// (electron/preload/kiosk-bridge.ts). The shell relays frames to the core over a MessagePort and reports
// the session's status: 'open' (say hello now) and 'closed' (the core stopped or restarted). Getting a
// new port is the shell's job; the renderer only says hello again when the next 'open' arrives.

import type { Transport, TransportConnection, TransportHandlers } from './transport.ts';

/** `window.kiosk` as the preload builds it. */
export interface KioskBridge {
  readonly contractVersion: number;
  /** Returns false (sending nothing) when no session is open; older bridges return nothing. */
  send(frame: string): boolean | void;
  onMessage(listener: (frame: string) => void): () => void;
  /** Calls the listener at once with the current status, then on every change. */
  onStatus(listener: (status: 'open' | 'closed') => void): () => void;
  /** The shell's word on the core between sessions (shell-core-status.ts); older bridges lack it. */
  onCoreStatus?(listener: (status: 'running' | 'restarting') => void): () => void;
}

/** The bridge when this page runs in the kiosk's Electron window, else null. */
export function findKioskBridge(scope: unknown): KioskBridge | null {
  const candidate = (scope as { kiosk?: unknown } | null)?.kiosk;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const b = candidate as Partial<KioskBridge>;
  return typeof b.send === 'function' && typeof b.onMessage === 'function' && typeof b.onStatus === 'function' ? (candidate as KioskBridge) : null;
}

/**
 * A transport over the bridge. A connection waits for the bridge's 'open' (replayed at once when the
 * session is already up) and ends at the next 'closed', or at a second 'open', which means a new session
 * behind the relay (the core may be a new process): the client then says hello again.
 */
export function bridgeTransport(bridge: KioskBridge): Transport {
  return {
    kind: 'bridge',
    connect(handlers: TransportHandlers): TransportConnection {
      let ended = false;
      let opened = false;
      const unsubscribe: Array<() => void> = [];
      const release = (): void => {
        for (const off of unsubscribe.splice(0)) off();
      };
      const end = (): void => {
        if (ended) return;
        ended = true;
        release();
        handlers.onClose();
      };
      unsubscribe.push(
        bridge.onMessage((frame) => {
          if (!ended && opened) handlers.onMessage(typeof frame === 'string' ? frame : '');
        }),
      );
      unsubscribe.push(
        bridge.onStatus((status) => {
          if (ended) return;
          if (status === 'closed') {
            // Before 'open' this is only the replayed current status: keep waiting for the session.
            if (opened) end();
            return;
          }
          if (opened) return end();
          opened = true;
          // The status may be replayed inside connect(): report it after connect() has returned.
          queueMicrotask(() => {
            if (!ended) handlers.onOpen();
          });
        }),
      );
      return {
        send(frame: string) {
          if (!ended && opened) bridge.send(frame);
        },
        close() {
          if (ended) return;
          ended = true;
          release();
        },
      };
    },
  };
}
