// The one gate every ipcMain handler stands behind (Electron security checklist, 17: validate the
// sender of all IPC messages). A message is handled only when
//   - its channel is in the shell's namespace (`kiosk:`) and listed below with its payload schema,
//   - it comes from the expected window's own contents, from its main frame (not a subframe),
//   - that frame shows the expected page: the core's origin for the kiosk window (not the crash
//     page, not a page a bug navigated to), or one exact local file for the crash screen,
//   - its arguments parse with the channel's schema.
// Anything else is dropped and logged by channel, reason, argument count and types — never content.
// The contract itself does not travel over IPC: IPC only hands over the MessagePort, and every frame
// on that port is parsed by the contract schema in the relay (contract-relay.ts, parseClientMessage).

import { z } from 'zod';
import type { Logger } from '../../../native/util/logger.ts';
import { CRASH_EXPORT_CHANNEL, CRASH_RETRY_CHANNEL, HEARTBEAT_ACK_CHANNEL, REQUEST_PORT_CHANNEL } from '../../preload/ipc-channels.ts';
import { originOf } from './origin.ts';

export const IPC_NAMESPACE = 'kiosk:';

/**
 * The channels main listens on, each with the schema of its arguments (after the event). Replies and
 * pushes (CONTRACT_PORT_CHANNEL, CONTRACT_CLOSED_CHANNEL) go main -> preload and need no entry.
 */
export const IPC_CHANNEL_SCHEMAS = Object.freeze({
  // "Give me a contract port": no payload at all.
  [REQUEST_PORT_CHANNEL]: z.tuple([]),
  // The answer to the watchdog's heartbeat (renderer-watchdog.ts): the beat's number.
  [HEARTBEAT_ACK_CHANNEL]: z.tuple([z.number().int().nonnegative()]),
  // The crash screen's two buttons (crash-screen.ts): no payload.
  [CRASH_EXPORT_CHANNEL]: z.tuple([]),
  [CRASH_RETRY_CHANNEL]: z.tuple([]),
}) satisfies Readonly<Record<string, z.ZodType<readonly unknown[]>>>;

export type GuardedChannel = keyof typeof IPC_CHANNEL_SCHEMAS;

/** The parts of WebFrameMain the guard reads. */
export interface IpcFrame {
  readonly url: string;
  readonly routingId: number;
  readonly processId: number;
}

/** The parts of IpcMainEvent the guard reads. */
export interface GuardedIpcEvent {
  readonly sender: unknown;
  readonly senderFrame: IpcFrame | null;
}

/** The kiosk window's contents, as far as the guard needs them. */
export interface IpcKioskContents {
  readonly mainFrame: IpcFrame;
}

/** The page the sending frame must show: a web origin (the core's), or one exact local file. */
export type IpcPagePolicy =
  | {
      /** The core's origin (the page's), or null when the window shows no core page. */
      readonly allowedOrigin: () => string | null;
      readonly allowedPage?: never;
    }
  | {
      /** The page's file: URL (without fragment), or null when none may send. */
      readonly allowedPage: () => string | null;
      readonly allowedOrigin?: never;
    };

/** Who may send: the window's main frame, showing the allowed page. */
export type IpcSenderPolicy = IpcPagePolicy & {
  /** The window's webContents, the only sender served; a getter for a window that comes and goes. */
  readonly contents: IpcKioskContents | (() => IpcKioskContents | null);
};

export type IpcGuardOptions = IpcSenderPolicy & { readonly logger: Logger };

export type IpcDropReason = 'channel' | 'sender' | 'frame' | 'origin' | 'payload';

/** Why a message on `channel` from `event` with `args` must be dropped, or null when it may be handled. */
export function ipcDropReason(channel: string, event: GuardedIpcEvent, args: readonly unknown[], options: IpcSenderPolicy): IpcDropReason | null {
  if (!channel.startsWith(IPC_NAMESPACE) || !Object.hasOwn(IPC_CHANNEL_SCHEMAS, channel)) return 'channel';
  const contents = typeof options.contents === 'function' ? options.contents() : options.contents;
  if (contents === null || event.sender !== contents) return 'sender';
  const frame = event.senderFrame;
  const main = contents.mainFrame;
  if (frame === null || frame.routingId !== main.routingId || frame.processId !== main.processId) return 'frame';
  if (!showsAllowedPage(frame.url, options)) return 'origin';
  if (!IPC_CHANNEL_SCHEMAS[channel as GuardedChannel].safeParse(args).success) return 'payload';
  return null;
}

function showsAllowedPage(url: string, policy: IpcPagePolicy): boolean {
  if (policy.allowedPage !== undefined) {
    const page = policy.allowedPage();
    return page !== null && url.split('#', 1)[0] === page;
  }
  const origin = policy.allowedOrigin();
  return origin !== null && originOf(url) === origin;
}

/** What a log line may say about arguments: how many, and their types. */
function argumentShape(args: readonly unknown[]): { count: number; types: string[] } {
  return { count: args.length, types: args.slice(0, 8).map((a) => (a === null ? 'null' : Array.isArray(a) ? 'array' : typeof a)) };
}

/** The part of ipcMain the guard registers on. */
export interface IpcMainLike<E> {
  on(channel: string, listener: (event: E, ...args: unknown[]) => void): unknown;
}

/** The part of ipcMain that answers invoke() calls. */
export interface IpcMainHandleLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void;
}

/**
 * Wraps `handler` in the guard: it runs only for messages `ipcDropReason` accepts, with the arguments
 * as the channel's schema parsed them. Throws at once (a programming error) when `channel` is not a listed kiosk channel.
 */
export function guardIpc<C extends GuardedChannel, E extends GuardedIpcEvent>(
  channel: C,
  options: IpcGuardOptions,
  handler: (event: E, args: z.infer<(typeof IPC_CHANNEL_SCHEMAS)[C]>) => void,
): (event: E, ...args: unknown[]) => void {
  const admit = admission(channel, options);
  return (event, ...args) => {
    const parsed = admit(event, args);
    if (parsed !== DROPPED) handler(event, parsed as z.infer<(typeof IPC_CHANNEL_SCHEMAS)[C]>);
  };
}

const DROPPED = Symbol('dropped');

/** The guard's check and log for one channel: the parsed arguments, or DROPPED. */
function admission(channel: GuardedChannel, options: IpcGuardOptions): (event: GuardedIpcEvent, args: readonly unknown[]) => unknown {
  if (!Object.hasOwn(IPC_CHANNEL_SCHEMAS, channel)) throw new Error(`not a guarded kiosk IPC channel: ${String(channel)}`);
  const log = options.logger.child({ module: 'ipc-guard' });
  return (event, args) => {
    const reason = ipcDropReason(channel, event, args, options);
    if (reason === null) return IPC_CHANNEL_SCHEMAS[channel].parse(args);
    log.warn({ event: 'ipc-dropped', channel, reason, args: argumentShape(args) }, 'dropped an IPC message');
    return DROPPED;
  };
}

/** Registers `handler` on `ipcMain` behind the guard. The only way main listens to IPC. */
export function onGuardedIpc<C extends GuardedChannel, E extends GuardedIpcEvent>(
  ipcMain: IpcMainLike<E>,
  channel: C,
  options: IpcGuardOptions,
  handler: (event: E, args: z.infer<(typeof IPC_CHANNEL_SCHEMAS)[C]>) => void,
): void {
  ipcMain.on(channel, guardIpc(channel, options, handler));
}

/**
 * Answers `invoke(channel)` behind the guard: `handler`'s answer for an admitted call, `refused()`'s
 * for a dropped one (the caller gets an answer either way, never a rejection it could probe).
 */
export function handleGuardedIpc<C extends GuardedChannel, E extends GuardedIpcEvent, R>(
  ipcMain: IpcMainHandleLike<E>,
  channel: C,
  options: IpcGuardOptions,
  refused: () => R,
  handler: (event: E, args: z.infer<(typeof IPC_CHANNEL_SCHEMAS)[C]>) => Promise<R> | R,
): void {
  const admit = admission(channel, options);
  ipcMain.handle(channel, async (event, ...args) => {
    const parsed = admit(event, args);
    return parsed === DROPPED ? refused() : handler(event, parsed as z.infer<(typeof IPC_CHANNEL_SCHEMAS)[C]>);
  });
}
