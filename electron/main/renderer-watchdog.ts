// Keeps the kiosk page alive. Every few seconds main sends the page's preload a numbered heartbeat
// (`kiosk:heartbeat`); the preload answers on the page's main thread (`kiosk:heartbeat-ack`), so a page
// stuck in a loop cannot. After `missedBeats` unanswered beats, and whenever Chromium says the renderer
// is gone or unresponsive, the page is reloaded — one code path for all three. The core keeps the
// flow, so a reload loses nothing (DESIGN.md, Processes). Reloads are counted: more than `maxReloads`
// within `reloadWindowMs` means reloading does not help, and the watchdog hands over to the crash
// screen instead of reloading forever. While a diagnostics export is being written, no reload happens
// (it would cut the report short): the reload waits until the export is done.

import type { Logger } from '../../native/util/logger.ts';
import { HEARTBEAT_CHANNEL } from '../preload/ipc-channels.ts';

/** The parts of WebContents the watchdog uses. */
export interface WatchedContents {
  send(channel: string, ...args: unknown[]): void;
  reload(): void;
  forcefullyCrashRenderer(): void;
  isDestroyed(): boolean;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  on(event: 'unresponsive' | 'did-finish-load', listener: () => void): unknown;
}

export type ReloadReason = 'heartbeat' | 'unresponsive' | 'gone';

export interface RendererWatchdogOptions {
  readonly contents: WatchedContents;
  readonly logger: Logger;
  /** Whether the kiosk page is what the window shows (not the crash screen, not blank). */
  readonly watching: () => boolean;
  /** Called once when reloads keep happening: show the crash screen. */
  readonly onGiveUp: (reason: ReloadReason) => void;
  /** Beat interval. Default 5 s. */
  readonly intervalMs?: number;
  /** Unanswered beats before a reload. Default 3 (15 s at the default interval). */
  readonly missedBeats?: number;
  /** More reloads than this within reloadWindowMs hand over to the crash screen. Defaults 5 in 10 min. */
  readonly maxReloads?: number;
  readonly reloadWindowMs?: number;
  readonly now?: () => number;
  readonly setInterval?: (callback: () => void, ms: number) => unknown;
  readonly clearInterval?: (handle: unknown) => void;
}

export class RendererWatchdog {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly missedBeats: number;
  private readonly maxReloads: number;
  private readonly reloadWindowMs: number;
  private timer: unknown = null;
  private beat = 0;
  private lastAcked = 0;
  private reloadTimes: number[] = [];
  private holds = 0;
  private deferred: ReloadReason | null = null;
  private gaveUp = false;

  constructor(private readonly options: RendererWatchdogOptions) {
    this.log = options.logger.child({ module: 'renderer-watchdog' });
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 5_000;
    this.missedBeats = options.missedBeats ?? 3;
    this.maxReloads = options.maxReloads ?? 5;
    this.reloadWindowMs = options.reloadWindowMs ?? 10 * 60_000;
    const contents = options.contents;
    contents.on('render-process-gone', (_event, details) => {
      this.log.error({ event: 'renderer-gone', reason: details.reason, exitCode: details.exitCode }, 'the renderer is gone');
      this.reload('gone');
    });
    contents.on('unresponsive', () => {
      this.log.error({ event: 'renderer-unresponsive' }, 'the renderer does not respond');
      this.reload('unresponsive');
    });
    // A page that has just loaded has a fresh preload: the count starts over.
    contents.on('did-finish-load', () => {
      this.lastAcked = this.beat;
    });
  }

  /** Starts the heartbeat. Idempotent. */
  start(): void {
    if (this.timer !== null) return;
    const every = this.options.setInterval ?? ((cb: () => void, ms: number) => setInterval(cb, ms));
    this.timer = every(() => this.tick(), this.intervalMs);
  }

  stop(): void {
    if (this.timer === null) return;
    (this.options.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>)))(this.timer);
    this.timer = null;
  }

  /** An answer from the preload (HEARTBEAT_ACK_CHANNEL); main checked the sender. Stale numbers are ignored. */
  acknowledge(beat: unknown): void {
    if (typeof beat !== 'number' || !Number.isSafeInteger(beat) || beat > this.beat || beat <= this.lastAcked) return;
    this.lastAcked = beat;
  }

  /**
   * Holds reloads off while something must not be cut short (a diagnostics export being written).
   * Returns the release; a reload asked for meanwhile happens on the last release.
   */
  holdReloads(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0 && this.deferred !== null) {
        const reason = this.deferred;
        this.deferred = null;
        this.reload(reason);
      }
    };
  }

  /** The crash screen was left (retry): counting starts over. */
  reset(): void {
    this.reloadTimes = [];
    this.gaveUp = false;
    this.lastAcked = this.beat;
  }

  private tick(): void {
    const contents = this.options.contents;
    if (contents.isDestroyed()) return this.stop();
    if (!this.options.watching() || this.gaveUp) {
      this.lastAcked = this.beat;
      return;
    }
    if (this.beat - this.lastAcked >= this.missedBeats) {
      this.log.error({ event: 'renderer-heartbeat-missed', missed: this.beat - this.lastAcked }, 'the kiosk page stopped answering');
      this.reload('heartbeat');
      return;
    }
    this.beat += 1;
    contents.send(HEARTBEAT_CHANNEL, this.beat);
  }

  private reload(reason: ReloadReason): void {
    const contents = this.options.contents;
    if (this.gaveUp || contents.isDestroyed()) return;
    if (this.holds > 0) {
      this.deferred ??= reason;
      this.log.warn({ event: 'renderer-reload-deferred', reason }, 'a diagnostics export is being written; the reload waits');
      return;
    }
    const now = this.now();
    this.reloadTimes = [...this.reloadTimes.filter((t) => now - t < this.reloadWindowMs), now];
    if (this.reloadTimes.length > this.maxReloads) {
      this.gaveUp = true;
      this.log.error({ event: 'renderer-given-up', reason, reloads: this.reloadTimes.length - 1 }, 'reloading does not help; showing the crash screen');
      this.options.onGiveUp(reason);
      return;
    }
    this.log.warn({ event: 'renderer-reload', reason, count: this.reloadTimes.length }, 'reloading the kiosk page');
    // A hung renderer does not take a reload: its process is ended first (a gone one has none).
    if (reason !== 'gone') contents.forcefullyCrashRenderer();
    contents.reload();
    this.lastAcked = this.beat;
  }
}
