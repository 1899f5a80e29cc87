// The preload with `electron` mocked: `window.kiosk` is frozen and has exactly five members; frames go
// out only as bounded strings over the port main handed over; only strings come in; a session that
// ends is reported and a new port asked for; the watchdog's heartbeat is answered with its number; the
// shell's word that the core is restarting is passed on until the next session opens.

import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTRACT_VERSION, MAX_CLIENT_MESSAGE_BYTES } from '../../../../electron/contract/index.ts';
import { CONTRACT_CLOSED_CHANNEL, CONTRACT_PORT_CHANNEL, CORE_STATUS_CHANNEL, HEARTBEAT_ACK_CHANNEL, HEARTBEAT_CHANNEL, REQUEST_PORT_CHANNEL } from '../../../../electron/preload/ipc-channels.ts';
import { createKioskBridge, MAX_FRAME_BYTES, type BridgeIpc, type BridgePort, type KioskBridge } from '../../../../electron/preload/kiosk-bridge.ts';

const exposed = vi.hoisted(() => ({ worlds: [] as [string, unknown][], ipc: null as unknown }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.worlds.push([key, api]) },
  get ipcRenderer() {
    return exposed.ipc;
  },
}));

class FakeIpc implements BridgeIpc {
  readonly sent: string[] = [];
  readonly sentWith: unknown[][] = [];
  private readonly listeners = new Map<string, (event: { ports: readonly BridgePort[] }, ...args: unknown[]) => void>();
  send(channel: string, ...args: unknown[]): void {
    this.sent.push(channel);
    this.sentWith.push([channel, ...args]);
  }
  on(channel: string, listener: (event: { ports: readonly BridgePort[] }, ...args: unknown[]) => void): void {
    this.listeners.set(channel, listener);
  }
  emit(channel: string, ports: readonly BridgePort[] = [], ...args: unknown[]): void {
    this.listeners.get(channel)?.({ ports }, ...args);
  }
}

/** Node's MessagePort as a DOM MessagePort (onmessage with `{ data }`). */
function domPort(port: MessagePort): BridgePort & { closed: boolean } {
  const wrapped = {
    closed: false,
    set onmessage(listener: ((event: { data: unknown }) => void) | null) {
      port.removeAllListeners('message');
      if (listener) port.on('message', (data: unknown) => listener({ data }));
    },
    get onmessage() {
      return null;
    },
    postMessage: (message: string) => port.postMessage(message),
    start: () => port.start(),
    close: () => {
      wrapped.closed = true;
      port.close();
    },
  };
  return wrapped;
}

let ipc: FakeIpc;
let timers: (() => void)[];
let bridge: KioskBridge;

function build(): KioskBridge {
  bridge = createKioskBridge(ipc, { retryMs: 1_000, setTimeout: (cb) => timers.push(cb) });
  return bridge;
}

/** Hands the bridge a new port; returns main's end. */
function handPort(): { main: MessagePort; renderer: ReturnType<typeof domPort> } {
  const channel = new MessageChannel();
  const renderer = domPort(channel.port2);
  ipc.emit(CONTRACT_PORT_CHANNEL, [renderer]);
  return { main: channel.port1, renderer };
}

const nextMessage = (port: MessagePort) => new Promise<unknown>((resolve) => port.once('message', resolve));

beforeEach(() => {
  ipc = new FakeIpc();
  timers = [];
});

describe('electron/preload/index.ts', () => {
  it('exposes exactly one frozen `kiosk` object with five members, and never ipcRenderer', async () => {
    exposed.ipc = ipc;
    await import('../../../../electron/preload/index.ts');
    expect(exposed.worlds).toHaveLength(1);
    const [key, api] = exposed.worlds[0]!;
    expect(key).toBe('kiosk');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api as object).sort()).toEqual(['contractVersion', 'onCoreStatus', 'onMessage', 'onStatus', 'send']);
    expect(Object.values(api as object)).not.toContain(ipc);
    expect((api as KioskBridge).contractVersion).toBe(CONTRACT_VERSION);
    expect(ipc.sent).toEqual([REQUEST_PORT_CHANNEL]);
  });
});

describe('createKioskBridge', () => {
  it('keeps the frame limit equal to the contract', () => {
    expect(MAX_FRAME_BYTES).toBe(MAX_CLIENT_MESSAGE_BYTES);
  });

  it('asks main for a port at once and reports the status to late subscribers', () => {
    build();
    expect(ipc.sent).toEqual([REQUEST_PORT_CHANNEL]);
    const seen: string[] = [];
    bridge.onStatus((s) => seen.push(s));
    handPort();
    const late: string[] = [];
    bridge.onStatus((s) => late.push(s));
    expect(seen).toEqual(['closed', 'open']);
    expect(late).toEqual(['open']);
  });

  it('sends string frames over the port and refuses the rest', async () => {
    build();
    expect(bridge.send('{"type":"ping","id":"p0"}')).toBe(false); // no port yet
    const { main } = handPort();
    const received = nextMessage(main);
    expect(bridge.send('{"type":"ping","id":"p1"}')).toBe(true);
    expect(await received).toBe('{"type":"ping","id":"p1"}');
    expect(bridge.send({ type: 'ping' } as unknown as string)).toBe(false);
    expect(bridge.send('x'.repeat(MAX_CLIENT_MESSAGE_BYTES + 1))).toBe(false);
    expect(bridge.send('ệ'.repeat(MAX_CLIENT_MESSAGE_BYTES / 3 + 1))).toBe(false); // 3 UTF-8 bytes each
    expect(bridge.send('x'.repeat(MAX_CLIENT_MESSAGE_BYTES))).toBe(true);
  });

  it('passes on only string frames from the core, to every listener until unsubscribed', async () => {
    build();
    const { main } = handPort();
    const a: string[] = [];
    const b: string[] = [];
    const offA = bridge.onMessage((f) => a.push(f));
    bridge.onMessage((f) => b.push(f));
    main.postMessage({ type: 'snapshot' });
    main.postMessage('{"type":"snapshot"}');
    await new Promise((r) => setTimeout(r, 10));
    offA();
    main.postMessage('{"type":"event"}');
    await new Promise((r) => setTimeout(r, 10));
    expect(a).toEqual(['{"type":"snapshot"}']);
    expect(b).toEqual(['{"type":"snapshot"}', '{"type":"event"}']);
  });

  it('reports closed when main ends the session, and asks again after a pause', () => {
    build();
    const seen: string[] = [];
    bridge.onStatus((s) => seen.push(s));
    const { renderer } = handPort();
    ipc.emit(CONTRACT_CLOSED_CHANNEL);
    expect(renderer.closed).toBe(true);
    expect(seen).toEqual(['closed', 'open', 'closed']);
    expect(bridge.send('{"type":"ping","id":"p"}')).toBe(false);
    expect(ipc.sent).toEqual([REQUEST_PORT_CHANNEL]);
    timers.shift()!();
    expect(ipc.sent).toEqual([REQUEST_PORT_CHANNEL, REQUEST_PORT_CHANNEL]);
    handPort();
    expect(seen).toEqual(['closed', 'open', 'closed', 'open']);
  });

  it('asks again when a request could not be served, once per pause', () => {
    build();
    ipc.emit(CONTRACT_CLOSED_CHANNEL);
    ipc.emit(CONTRACT_CLOSED_CHANNEL);
    expect(timers).toHaveLength(1);
    timers.shift()!();
    expect(ipc.sent).toEqual([REQUEST_PORT_CHANNEL, REQUEST_PORT_CHANNEL]);
  });

  it('replaces an old port with a new one', () => {
    build();
    const first = handPort();
    const second = handPort();
    expect(first.renderer.closed).toBe(true);
    expect(second.renderer.closed).toBe(false);
  });

  it('ignores a port message without a port', () => {
    build();
    const seen: string[] = [];
    bridge.onStatus((s) => seen.push(s));
    ipc.emit(CONTRACT_PORT_CHANNEL, []);
    expect(seen).toEqual(['closed']);
  });
});

describe('heartbeat and core status', () => {
  beforeEach(() => {
    ipc = new FakeIpc();
    timers = [];
  });

  it('answers each heartbeat with its number, and nothing else', () => {
    build();
    ipc.emit(HEARTBEAT_CHANNEL, [], 7);
    ipc.emit(HEARTBEAT_CHANNEL, [], 'x');
    ipc.emit(HEARTBEAT_CHANNEL, [], 1.5);
    ipc.emit(HEARTBEAT_CHANNEL, [], 8);
    expect(ipc.sentWith.filter(([c]) => c === HEARTBEAT_ACK_CHANNEL)).toEqual([
      [HEARTBEAT_ACK_CHANNEL, 7],
      [HEARTBEAT_ACK_CHANNEL, 8],
    ]);
  });

  it("says 'restarting' while the shell restarts the core, and 'running' when the next session opens", () => {
    build();
    const seen: string[] = [];
    bridge.onCoreStatus((s) => seen.push(s));
    ipc.emit(CORE_STATUS_CHANNEL, [], 'restarting');
    ipc.emit(CORE_STATUS_CHANNEL, [], 'bogus');
    handPort();
    expect(seen).toEqual(['running', 'restarting', 'running']);
  });

  it('ignores a restarting word while a session is open', () => {
    build();
    handPort();
    const seen: string[] = [];
    bridge.onCoreStatus((s) => seen.push(s));
    ipc.emit(CORE_STATUS_CHANNEL, [], 'restarting');
    expect(seen).toEqual(['running']);
  });
});
