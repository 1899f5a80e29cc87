// The two transports' own rules: the browser shell's token (taken from the fragment, hidden from the
// URL, kept in sessionStorage for a reload) and the Electron bridge's session status.

import { describe, expect, it, vi } from 'vitest';
import { bridgeTransport, findKioskBridge, type KioskBridge } from '../../../renderer/src/contract/bridge-transport.ts';
import { ContractClient } from '../../../renderer/src/contract/contract-client.ts';
import { contractSocketUrl, takeContractToken, type TokenEnvironment } from '../../../renderer/src/contract/websocket-transport.ts';
import { helloOk } from './fake-transport.ts';

function tokenEnvironment(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const env: TokenEnvironment = {
    location: { hash, pathname: '/', search: '' },
    history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { env, storage, replaced };
}

describe('the contract token', () => {
  it('is taken from #token=, removed from the visible URL and kept in sessionStorage', () => {
    const { env, storage, replaced } = tokenEnvironment('#token=abc123');
    expect(takeContractToken(env)).toBe('abc123');
    expect(replaced).toEqual(['/']);
    expect([...storage.values()]).toEqual(['abc123']);
  });

  it('keeps other fragment parameters', () => {
    const { env, replaced } = tokenEnvironment('#token=abc&lang=en');
    takeContractToken(env);
    expect(replaced).toEqual(['/#lang=en']);
  });

  it('comes back from sessionStorage after a reload', () => {
    const first = tokenEnvironment('#token=abc123');
    takeContractToken(first.env);
    const reload = tokenEnvironment('', Object.fromEntries(first.storage));
    expect(takeContractToken(reload.env)).toBe('abc123');
    expect(reload.replaced).toEqual([]);
  });

  it('is null when there is none, and the socket URL then carries none', () => {
    expect(takeContractToken(tokenEnvironment('').env)).toBeNull();
    expect(contractSocketUrl({ protocol: 'http:', host: '127.0.0.1:4100' }, null)).toBe('ws://127.0.0.1:4100/contract');
    expect(contractSocketUrl({ protocol: 'http:', host: '127.0.0.1:4100' }, 'a b')).toBe('ws://127.0.0.1:4100/contract?token=a%20b');
  });
});

/** A bridge like the preload's: onStatus replays the current status at once. */
function fakeBridge() {
  let status: 'open' | 'closed' = 'closed';
  const statusListeners = new Set<(s: 'open' | 'closed') => void>();
  const messageListeners = new Set<(f: string) => void>();
  const sent: string[] = [];
  const bridge: KioskBridge = {
    contractVersion: 1,
    send: (frame) => {
      if (status !== 'open') return false;
      sent.push(frame);
      return true;
    },
    onMessage: (l) => {
      messageListeners.add(l);
      return () => void messageListeners.delete(l);
    },
    onStatus: (l) => {
      statusListeners.add(l);
      l(status);
      return () => void statusListeners.delete(l);
    },
  };
  return {
    bridge,
    sent,
    setStatus(next: 'open' | 'closed') {
      status = next;
      for (const l of [...statusListeners]) l(next);
    },
    deliver(message: object) {
      for (const l of [...messageListeners]) l(JSON.stringify(message));
    },
  };
}

describe('the Electron bridge transport', () => {
  it('is found only on a window that has a kiosk bridge', () => {
    expect(findKioskBridge({})).toBeNull();
    expect(findKioskBridge({ kiosk: { send: 1 } })).toBeNull();
    expect(findKioskBridge({ kiosk: fakeBridge().bridge })).not.toBeNull();
  });

  it('says hello when the session opens, and again after the core restarted', async () => {
    vi.useFakeTimers();
    try {
      const fake = fakeBridge();
      const client = new ContractClient({ transport: bridgeTransport(fake.bridge), clientName: 'renderer test', debug: () => undefined });
      client.start();
      await vi.advanceTimersByTimeAsync(10);
      expect(fake.sent).toEqual([]);
      fake.setStatus('open');
      await vi.advanceTimersByTimeAsync(0);
      const hello = JSON.parse(fake.sent[0]!) as { type: string; id: string };
      expect(hello.type).toBe('hello');
      fake.deliver(helloOk(hello.id));
      expect(client.getState().status).toBe('open');

      fake.setStatus('closed');
      expect(client.getState().status).toBe('connecting');
      fake.setStatus('open');
      await vi.advanceTimersByTimeAsync(5_000);
      const hellos = fake.sent.map((f) => JSON.parse(f) as { type: string; id: string }).filter((r) => r.type === 'hello');
      expect(hellos).toHaveLength(2);
      fake.deliver(helloOk(hellos[1]!.id));
      expect(client.getState().status).toBe('open');
      client.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
