import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../../../native/util/logger.ts';
import {
  guardIpc,
  handleGuardedIpc,
  ipcDropReason,
  onGuardedIpc,
  IPC_CHANNEL_SCHEMAS,
  IPC_NAMESPACE,
  type GuardedChannel,
  type GuardedIpcEvent,
  type IpcSenderPolicy,
} from '../../../../../electron/main/security/ipc-guard.ts';
import { CRASH_EXPORT_CHANNEL, HEARTBEAT_ACK_CHANNEL, REQUEST_PORT_CHANNEL } from '../../../../../electron/preload/ipc-channels.ts';
import { FakeContents } from '../electron-fakes.ts';

const CORE = 'http://127.0.0.1:41000';
const CRASH_PAGE = 'file:///opt/kiosk/out/main/crash-loop.html';

function setup() {
  const contents = new FakeContents();
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line: string) => void lines.push(line) } });
  const policy: IpcSenderPolicy = { contents, allowedOrigin: () => CORE };
  const kioskFrame = (url = `${CORE}/`): GuardedIpcEvent => ({ sender: contents, senderFrame: { url, routingId: 1, processId: 3 } });
  return { contents, lines, logger, policy, kioskFrame };
}

describe('IPC_CHANNEL_SCHEMAS', () => {
  it('lists only channels of the kiosk namespace', () => {
    for (const channel of Object.keys(IPC_CHANNEL_SCHEMAS)) expect(channel.startsWith(IPC_NAMESPACE), channel).toBe(true);
  });
});

describe('ipcDropReason', () => {
  it("admits the kiosk window's main frame on the core's origin, with the channel's payload", () => {
    const { policy, kioskFrame } = setup();
    expect(ipcDropReason(REQUEST_PORT_CHANNEL, kioskFrame(), [], policy)).toBeNull();
    expect(ipcDropReason(REQUEST_PORT_CHANNEL, kioskFrame(`${CORE}/#/diagnostics`), [], policy)).toBeNull();
    expect(ipcDropReason(HEARTBEAT_ACK_CHANNEL, kioskFrame(), [7], policy)).toBeNull();
  });

  it('drops a channel outside the namespace or not listed', () => {
    const { policy, kioskFrame } = setup();
    expect(ipcDropReason('get-secrets', kioskFrame(), [], policy)).toBe('channel');
    expect(ipcDropReason('kiosk:shell-exec', kioskFrame(), [], policy)).toBe('channel');
    expect(ipcDropReason('kiosk:__proto__', kioskFrame(), [], policy)).toBe('channel');
  });

  it('drops a message from other contents, a subframe or no frame', () => {
    const { contents, policy } = setup();
    expect(ipcDropReason(REQUEST_PORT_CHANNEL, { sender: new FakeContents(), senderFrame: { url: `${CORE}/`, routingId: 1, processId: 3 } }, [], policy)).toBe('sender');
    expect(ipcDropReason(REQUEST_PORT_CHANNEL, { sender: contents, senderFrame: { url: `${CORE}/`, routingId: 2, processId: 3 } }, [], policy)).toBe('frame');
    expect(ipcDropReason(REQUEST_PORT_CHANNEL, { sender: contents, senderFrame: { url: `${CORE}/`, routingId: 1, processId: 4 } }, [], policy)).toBe('frame');
    expect(ipcDropReason(REQUEST_PORT_CHANNEL, { sender: contents, senderFrame: null }, [], policy)).toBe('frame');
  });

  it("drops a message from a page that is not the core's, and every message while there is no core", () => {
    const { contents, policy, kioskFrame } = setup();
    for (const url of ['https://evil.example/', `${CORE}.evil.example/`, 'http://127.0.0.1:41001/', CRASH_PAGE, 'about:blank']) {
      expect(ipcDropReason(REQUEST_PORT_CHANNEL, kioskFrame(url), [], policy), url).toBe('origin');
    }
    expect(ipcDropReason(REQUEST_PORT_CHANNEL, kioskFrame(), [], { contents, allowedOrigin: () => null })).toBe('origin');
  });

  it('serves a local page by its exact file URL, fragment aside, when the policy names one', () => {
    const { contents, kioskFrame } = setup();
    const crash: IpcSenderPolicy = { contents: () => contents, allowedPage: () => CRASH_PAGE };
    expect(ipcDropReason(CRASH_EXPORT_CHANNEL, kioskFrame(`${CRASH_PAGE}#CORE_CRASH_LOOP`), [], crash)).toBeNull();
    expect(ipcDropReason(CRASH_EXPORT_CHANNEL, kioskFrame('file:///opt/kiosk/out/main/other.html'), [], crash)).toBe('origin');
    expect(ipcDropReason(CRASH_EXPORT_CHANNEL, kioskFrame(`${CORE}/`), [], crash)).toBe('origin');
    expect(ipcDropReason(CRASH_EXPORT_CHANNEL, kioskFrame(`${CRASH_PAGE}`), [], { contents: () => null, allowedPage: () => CRASH_PAGE })).toBe('sender');
  });

  it('drops a payload the channel does not take', () => {
    const { policy, kioskFrame } = setup();
    expect(ipcDropReason(REQUEST_PORT_CHANNEL, kioskFrame(), ['x'], policy)).toBe('payload');
    expect(ipcDropReason(HEARTBEAT_ACK_CHANNEL, kioskFrame(), [], policy)).toBe('payload');
    expect(ipcDropReason(HEARTBEAT_ACK_CHANNEL, kioskFrame(), ['7'], policy)).toBe('payload');
    expect(ipcDropReason(HEARTBEAT_ACK_CHANNEL, kioskFrame(), [-1], policy)).toBe('payload');
    expect(ipcDropReason(HEARTBEAT_ACK_CHANNEL, kioskFrame(), [7, { extra: true }], policy)).toBe('payload');
  });
});

describe('onGuardedIpc', () => {
  it('runs the handler with the parsed arguments only for admitted messages', () => {
    const { policy, kioskFrame, logger } = setup();
    const ipcMain = new EventEmitter();
    const handler = vi.fn();
    onGuardedIpc(ipcMain, HEARTBEAT_ACK_CHANNEL, { ...policy, logger }, handler);
    ipcMain.emit(HEARTBEAT_ACK_CHANNEL, kioskFrame('https://evil.example/'), 1);
    ipcMain.emit(HEARTBEAT_ACK_CHANNEL, kioskFrame(), 'one');
    ipcMain.emit(HEARTBEAT_ACK_CHANNEL, kioskFrame(), 2);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]![1]).toEqual([2]);
  });

  it('logs a dropped message by channel, reason and argument shape, never its content', () => {
    const { policy, kioskFrame, logger, lines } = setup();
    const ipcMain = new EventEmitter();
    onGuardedIpc(ipcMain, REQUEST_PORT_CHANNEL, { ...policy, logger }, vi.fn());
    ipcMain.emit(REQUEST_PORT_CHANNEL, kioskFrame(), 'NGUYEN VAN THU 001099012345', { dg13: 'secret' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'ipc-dropped', channel: REQUEST_PORT_CHANNEL, reason: 'payload', args: { count: 2, types: ['string', 'object'] } });
    expect(lines[0]).not.toMatch(/NGUYEN|001099012345|secret|dg13/);
  });

  it('refuses to register a channel that is not listed', () => {
    const { policy, logger } = setup();
    expect(() => guardIpc('kiosk:unlisted' as GuardedChannel, { ...policy, logger }, vi.fn())).toThrow(/not a guarded kiosk IPC channel/);
  });
});

describe('handleGuardedIpc', () => {
  it("answers an admitted invoke with the handler's answer and a dropped one with the refusal", async () => {
    const { contents, kioskFrame, logger } = setup();
    const handlers = new Map<string, (event: GuardedIpcEvent, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain = { handle: (channel: string, listener: (event: GuardedIpcEvent, ...args: unknown[]) => Promise<unknown>) => void handlers.set(channel, listener) };
    handleGuardedIpc(ipcMain, CRASH_EXPORT_CHANNEL, { contents, allowedPage: () => CRASH_PAGE, logger }, () => ({ ok: false }), async () => ({ ok: true }));
    const invoke = handlers.get(CRASH_EXPORT_CHANNEL)!;
    expect(await invoke(kioskFrame(`${CRASH_PAGE}#CORE_CRASH_LOOP`))).toEqual({ ok: true });
    expect(await invoke(kioskFrame(`${CORE}/`))).toEqual({ ok: false });
    expect(await invoke(kioskFrame(CRASH_PAGE), 'extra')).toEqual({ ok: false });
  });
});

describe('the shell', () => {
  it('registers every IPC listener through the guard: no ipcMain.on/once/handle anywhere else in electron/main', () => {
    const main = join(import.meta.dirname, '..', '..', '..', '..', '..', 'electron', 'main');
    const files = readdirSync(main, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && f !== join('security', 'ipc-guard.ts'));
    const direct = files.filter((f) => /ipcMain\??\.(on|once|handle|handleOnce|addListener)\(/.test(readFileSync(join(main, f), 'utf8')));
    expect(files.length).toBeGreaterThan(5);
    expect(direct).toEqual([]);
  });
});
