// The browser shell's transport: a WebSocket to the core's host on the page's own origin, admitted by
// the per-start token that the shell put in the page's fragment (`#token=...`).

import type { Transport, TransportConnection, TransportHandlers } from './transport.ts';

/** WebSocket.OPEN, spelled out so the transport also runs over the `ws` package in tests. */
const OPEN = 1;

const TOKEN_KEY = 'kiosk.contractToken';

/** The parts of `window` the token handling touches (so tests can pass plain objects). */
export interface TokenEnvironment {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
  /** sessionStorage: survives a reload of this tab, never written to disk for other sessions. */
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/**
 * The contract token: taken from `#token=...` (then removed from the visible URL, so it is not shown,
 * bookmarked or copied), else from sessionStorage, where a previous load of this tab kept it so a reload
 * reconnects. Never localStorage. Returns null when there is none.
 */
export function takeContractToken(env: TokenEnvironment): string | null {
  const fragment = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const fromHash = fragment.get('token');
  if (fromHash) {
    try {
      env.storage?.setItem(TOKEN_KEY, fromHash);
    } catch {
      // Storage disabled: the token still lives in memory for this page.
    }
    fragment.delete('token');
    const rest = fragment.toString();
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  try {
    return env.storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

/** `ws://<host>/contract?token=...` for a page served by the core's host. */
export function contractSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/contract${query}`;
}

/** A transport that opens a fresh WebSocket for every connection attempt. */
export function webSocketTransport(url: string, createSocket: (url: string) => WebSocket = (u) => new WebSocket(u)): Transport {
  return {
    kind: 'websocket',
    connect(handlers: TransportHandlers): TransportConnection {
      let ended = false;
      const socket = createSocket(url);
      const end = (): void => {
        if (ended) return;
        ended = true;
        handlers.onClose();
      };
      socket.onopen = () => {
        if (!ended) handlers.onOpen();
      };
      socket.onmessage = (event: MessageEvent) => {
        // The contract is text frames only; a binary frame is not a contract message.
        if (!ended) handlers.onMessage(typeof event.data === 'string' ? event.data : '');
      };
      socket.onerror = () => {
        // An error is always followed by close, which reports it.
      };
      socket.onclose = end;
      return {
        send(frame: string) {
          if (!ended && socket.readyState === OPEN) socket.send(frame);
        },
        close() {
          if (ended) return;
          ended = true;
          socket.close(1000);
        },
      };
    },
  };
}
