// The contract relay and the port broker over real bytes: a real core host on loopback, a real `ws`
// client in the relay, and Node's own MessageChannel standing in for Electron's MessageChannelMain
// (same postMessage/close; Node hands the value itself to 'message' listeners, so a two-line adapter
// wraps it as Electron's `{ data }` event).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../native/util/logger.ts';
import { CONTRACT_VERSION, MAX_CLIENT_MESSAGE_BYTES, type Result } from '../../../../electron/contract/index.ts';
import type { KioskCoreEndpoints } from '../../../../electron/core/app/kiosk-core-api.ts';
import type { HostedRequest } from '../../../../electron/core/host/contract-session.ts';
import { startHost, type Host } from '../../../../electron/core/host/start-host.ts';
import { ContractPortBroker, type FrameLike, type KioskContentsLike } from '../../../../electron/main/contract-port-broker.ts';
import { openContractRelay, type ContractRelay, type RelayPort } from '../../../../electron/main/contract-relay.ts';
import { CONTRACT_CLOSED_CHANNEL, CONTRACT_PORT_CHANNEL } from '../../../../electron/preload/ipc-channels.ts';

/** A frame nobody may ever log: it stands for a PIN or a name. */
const SECRET = 'NGUYEN-VAN-THU-246810';

let work: string;
let host: Host;
const handled: HostedRequest[] = [];
const logLines: string[] = [];
const logger = createLogger({
  level: 'debug',
  destination: new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
});

async function startCoreHost(): Promise<Host> {
  return startHost({
    rendererDir: work,
    onMessage: (req): Result => {
      handled.push(req);
      return { kind: 'accepted' };
    },
    kiosk: { kioskId: 'kiosk-test-01', flow: 'hospital', languages: ['vi', 'en'], appVersion: '0.1.0', demo: true },
    logger,
  });
}

function endpointsOf(h: Host): KioskCoreEndpoints {
  return { url: h.url, kioskUrl: h.kioskUrl, contractUrl: h.contractUrl, token: h.token, port: h.port };
}

/** Node's MessagePort as Electron's MessagePortMain. */
function relayPortOf(port: MessagePort): RelayPort {
  return {
    postMessage: (message) => port.postMessage(message),
    on: ((event: 'message' | 'close', listener: (e?: { data: unknown }) => void) =>
      event === 'message' ? port.on('message', (data: unknown) => listener({ data })) : port.on('close', () => listener())) as RelayPort['on'],
    start: () => port.start(),
    close: () => port.close(),
  };
}

/** The renderer's end: collects frames, and sends. */
class RendererEnd {
  readonly frames: unknown[] = [];
  closed = false;
  private waiters: (() => void)[] = [];
  constructor(readonly port: MessagePort) {
    port.on('message', (data: unknown) => {
      this.frames.push(data);
      this.waiters.splice(0).forEach((w) => w());
    });
    port.on('close', () => {
      this.closed = true;
      this.waiters.splice(0).forEach((w) => w());
    });
  }
  send(frame: unknown): void {
    this.port.postMessage(frame);
  }
  /** Resolves with the first frame that is a reply to `id`. */
  async reply(id: string): Promise<Record<string, unknown>> {
    for (;;) {
      const found = this.frames.map((f) => JSON.parse(String(f)) as Record<string, unknown>).find((m) => m.id === id);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
  async whenClosed(): Promise<void> {
    while (!this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

const relays: ContractRelay[] = [];

async function relayed(): Promise<{ relay: ContractRelay; renderer: RendererEnd }> {
  const relay = await openContractRelay({ endpoints: endpointsOf(host), logger });
  relays.push(relay);
  const channel = new MessageChannel();
  relay.attach(relayPortOf(channel.port1));
  return { relay, renderer: new RendererEnd(channel.port2) };
}

async function greeted(): Promise<{ relay: ContractRelay; renderer: RendererEnd }> {
  const joined = await relayed();
  joined.renderer.send(JSON.stringify({ type: 'hello', id: 'h1', version: CONTRACT_VERSION }));
  expect(await joined.renderer.reply('h1')).toMatchObject({ type: 'ok', result: { kind: 'hello' } });
  return joined;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'relay-test-'));
  writeFileSync(join(work, 'index.html'), '<!doctype html><title>kiosk</title>');
  host = await startCoreHost();
});

afterEach(() => {
  relays.splice(0).forEach((r) => r.close());
  handled.length = 0;
});

afterAll(async () => {
  await host.close();
  rmSync(work, { recursive: true, force: true });
});

describe('openContractRelay', () => {
  it('carries a hello and a flow intent from the port to the core and the replies back', async () => {
    const { renderer } = await greeted();
    renderer.send(JSON.stringify({ type: 'flow.start', id: 'f1' }));
    expect(await renderer.reply('f1')).toMatchObject({ type: 'ok', id: 'f1', result: { kind: 'accepted' } });
    expect(handled.map((r) => r.type)).toEqual(['flow.start']);
  });

  it('drops frames that break the contract before they reach the core, logging reason and size only', async () => {
    const { relay, renderer } = await greeted();
    renderer.send({ type: 'flow.start', id: 'obj' });
    renderer.send(`{"type":"hello","id":"${SECRET}"`);
    renderer.send(JSON.stringify({ type: 'flow.teleport', id: 'u1', who: SECRET }));
    renderer.send(JSON.stringify({ type: 'diagnostics.unlock', id: 'u2', pin: 12, extra: SECRET }));
    renderer.send(JSON.stringify({ type: 'flow.start', id: 'big', pad: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) }));
    renderer.send(JSON.stringify({ type: 'flow.start', id: 'after' }));
    expect(await renderer.reply('after')).toMatchObject({ type: 'ok' });
    expect(handled.map((r) => r.id)).toEqual(['after']);
    // The core never saw them, so it never answered them.
    expect(renderer.frames.map((f) => JSON.parse(String(f)) as { id?: string }).map((m) => m.id)).not.toContain('u1');
    expect(relay.dropped).toEqual({ 'not-text': 1, BAD_JSON: 1, UNKNOWN_TYPE: 1, BAD_MESSAGE: 1, TOO_LARGE: 1 });
    const drops = logLines.filter((l) => l.includes('frame-dropped'));
    expect(drops).toHaveLength(5);
    expect(logLines.join('')).not.toContain(SECRET);
  });

  it('closes the core session when the renderer port closes', async () => {
    const { relay, renderer } = await greeted();
    expect(host.sessionCount).toBe(1);
    const closed = new Promise<void>((resolve) => relay.onDidClose(resolve));
    renderer.port.close();
    await closed;
    while (host.sessionCount > 0) await new Promise((r) => setTimeout(r, 10));
    expect(host.sessionCount).toBe(0);
  });

  it('shows each frame the core sends the renderer to onCoreFrame, as relayed', async () => {
    const seen: string[] = [];
    const relay = await openContractRelay({ endpoints: endpointsOf(host), logger, onCoreFrame: (frame) => seen.push(frame) });
    relays.push(relay);
    const channel = new MessageChannel();
    relay.attach(relayPortOf(channel.port1));
    const renderer = new RendererEnd(channel.port2);
    renderer.send(JSON.stringify({ type: 'hello', id: 'h2', version: CONTRACT_VERSION }));
    await renderer.reply('h2');
    expect(seen).toEqual(renderer.frames);
    expect(seen.some((f) => f.includes('"h2"'))).toBe(true);
  });

  it('refuses to open with a wrong token (403)', async () => {
    await expect(openContractRelay({ endpoints: { ...endpointsOf(host), token: 'wrong' }, logger })).rejects.toMatchObject({ status: 403 });
  });
});

describe('ContractPortBroker', () => {
  const MAIN_FRAME: FrameLike = { url: 'about:blank', routingId: 1, processId: 7 };
  let posted: { channel: string; transfer: unknown[] }[];
  let sent: string[];
  let contents: KioskContentsLike & { mainFrame: FrameLike };
  let broker: ContractPortBroker;
  let channels: MessageChannel[];

  const frame = (over: Partial<FrameLike> = {}): FrameLike => ({ ...contents.mainFrame, ...over });

  beforeEach(() => {
    posted = [];
    sent = [];
    channels = [];
    contents = {
      mainFrame: { ...MAIN_FRAME, url: `${host.url}` },
      postMessage: (channel, _message, transfer) => posted.push({ channel, transfer }),
      send: (channel) => sent.push(channel),
      isDestroyed: () => false,
    };
    broker = new ContractPortBroker({
      contents,
      createChannel: () => {
        const channel = new MessageChannel();
        channels.push(channel);
        return { port1: relayPortOf(channel.port1), port2: channel.port2 };
      },
      openRelay: async (endpoints) => {
        const relay = await openContractRelay({ endpoints, logger });
        relays.push(relay);
        return relay;
      },
      logger,
    });
  });

  afterEach(() => broker.dispose());

  async function portPosted(): Promise<MessagePort> {
    while (posted.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(posted[0]!.channel).toBe(CONTRACT_PORT_CHANNEL);
    return posted[0]!.transfer[0] as MessagePort;
  }

  it('hands a port only to the main frame of the kiosk window at the core origin', async () => {
    broker.setCore(endpointsOf(host));
    expect(broker.handleRequest({ sender: {}, senderFrame: frame() })).toBe('refused');
    expect(broker.handleRequest({ sender: contents, senderFrame: null })).toBe('refused');
    expect(broker.handleRequest({ sender: contents, senderFrame: frame({ routingId: 2 }) })).toBe('refused');
    expect(broker.handleRequest({ sender: contents, senderFrame: frame({ processId: 8 }) })).toBe('refused');
    expect(broker.handleRequest({ sender: contents, senderFrame: frame({ url: 'file:///opt/kiosk/out/main/crash-loop.html' }) })).toBe('refused');
    expect(broker.handleRequest({ sender: contents, senderFrame: frame({ url: `http://127.0.0.1:${host.port + 1}/` }) })).toBe('refused');
    expect(broker.handleRequest({ sender: contents, senderFrame: frame({ url: `http://localhost:${host.port}/` }) })).toBe('refused');
    expect(posted).toHaveLength(0);
    expect(broker.handleRequest({ sender: contents, senderFrame: frame({ url: `${host.url}#/welcome` }) })).toBe('opening');
    const renderer = new RendererEnd(await portPosted());
    renderer.send(JSON.stringify({ type: 'hello', id: 'h', version: CONTRACT_VERSION }));
    expect(await renderer.reply('h')).toMatchObject({ type: 'ok' });
  });

  it('keeps a request made while the core is down and answers it when the core is up', async () => {
    expect(broker.handleRequest({ sender: contents, senderFrame: frame() })).toBe('queued');
    await new Promise((r) => setTimeout(r, 20));
    expect(posted).toHaveLength(0);
    broker.setCore(endpointsOf(host));
    await portPosted();
  });

  it('closes the session and tells the renderer when the core goes down', async () => {
    broker.setCore(endpointsOf(host));
    broker.handleRequest({ sender: contents, senderFrame: frame() });
    const renderer = new RendererEnd(await portPosted());
    broker.setCore(null);
    await renderer.whenClosed();
    expect(sent).toEqual([CONTRACT_CLOSED_CHANNEL]);
  });

  it('tells the renderer when the core ends the session (a restarting core)', async () => {
    const second = await startCoreHost();
    try {
      broker.setCore(endpointsOf(second));
      broker.handleRequest({ sender: contents, senderFrame: frame({ url: second.url }) });
      const renderer = new RendererEnd(await portPosted());
      await second.close('restarting');
      await renderer.whenClosed();
      while (sent.length === 0) await new Promise((r) => setTimeout(r, 5));
      expect(sent).toEqual([CONTRACT_CLOSED_CHANNEL]);
    } finally {
      await second.close();
    }
  });

  it('tells the renderer to ask again when the core refuses the connection', async () => {
    broker.setCore({ ...endpointsOf(host), token: 'stale' });
    expect(broker.handleRequest({ sender: contents, senderFrame: frame() })).toBe('opening');
    while (sent.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(sent).toEqual([CONTRACT_CLOSED_CHANNEL]);
    expect(posted).toHaveLength(0);
    expect(channels).toHaveLength(0);
  });
});
