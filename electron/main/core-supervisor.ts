// Keeps the core child process running. The core holds the devices and the check-in flows in its own
// process so that a crash in a native driver cannot take the window down (DESIGN.md, Processes): when
// it dies, the supervisor starts it again after a capped exponential backoff (1 s doubling to 30 s),
// and when it keeps dying (a crash loop, or a config error that no restart can fix) it gives up and
// says why, rather than restarting forever. Electron is injected as a `fork` function, so the same code
// runs under test with child processes or fakes.

import type { Logger } from '../../native/util/logger.ts';
import type { CoreProcessCommand, CoreProcessMessage, KioskCoreEndpoints } from '../core/app/kiosk-core-api.ts';

/** The one running core child, whatever started it (Electron's utilityProcess in the product). */
export interface CoreChild {
  postMessage(command: CoreProcessCommand): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process has ended, with its exit code. */
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export type CoreStatus =
  | { readonly state: 'starting'; readonly attempt: number }
  | { readonly state: 'running'; readonly endpoints: KioskCoreEndpoints; readonly profile: string; readonly flow: 'hospital' | 'border-gate' }
  | { readonly state: 'restarting'; readonly delayMs: number; readonly exitCode: number }
  | { readonly state: 'failed'; readonly code: CoreFailureCode; readonly detail: string }
  | { readonly state: 'stopped' };

/** One unexpected end of a core child, for the crash screen's report (no personal data: codes, times). */
export interface CoreExit {
  /** Exit code (Electron's utilityProcess reports a code only, no signal name). */
  readonly code: number;
  /** When it ended (ms since the epoch) and how long it had run. */
  readonly at: number;
  readonly ranMs: number;
  /** The code the core itself reported before it ended (`core.failed`), if any. */
  readonly reported?: string;
}

/** How many exits `recentExits` keeps. */
export const RECENT_EXITS = 20;

/** Why the supervisor gave up: the crash-loop page shows a person's text for each. */
export type CoreFailureCode = 'CORE_CRASH_LOOP' | 'CORE_CONFIG_INVALID' | 'CORE_START_FAILED';

export interface CoreSupervisorOptions {
  readonly fork: () => CoreChild;
  readonly logger: Logger;
  /** How long a start may take before the child is killed and counted as a failure. Default 30 s. */
  readonly startTimeoutMs?: number;
  /** First restart delay, doubled after each failure up to maxBackoffMs. Default 1 s. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** This many unexpected exits within crashWindowMs is a crash loop. Defaults 5 in 2 minutes. */
  readonly maxCrashes?: number;
  readonly crashWindowMs?: number;
  /** A core that ran this long before dying starts the backoff over at initialBackoffMs. Default 60 s. */
  readonly stableAfterMs?: number;
  /** How long stop() waits for the core to close after `core.stop` before killing it. Default 5 s. */
  readonly stopTimeoutMs?: number;
  readonly now?: () => number;
}

/** Exit code of a core child whose config is invalid (core-process.ts). */
export const CONFIG_ERROR_EXIT_CODE = 2;

function isCoreMessage(value: unknown): value is CoreProcessMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'core.ready' || type === 'core.failed' || type === 'core.stopping';
}

export class CoreSupervisor {
  private readonly options: Required<Omit<CoreSupervisorOptions, 'fork' | 'logger'>> & Pick<CoreSupervisorOptions, 'fork'>;
  private readonly log: Logger;
  private readonly listeners = new Set<(status: CoreStatus) => void>();
  private current: CoreStatus = { state: 'stopped' };
  private child: CoreChild | null = null;
  private childExited: Promise<number> | null = null;
  private startedAt = 0;
  private attempt = 0;
  private backoffMs: number;
  private crashTimes: number[] = [];
  private exits: CoreExit[] = [];
  private startTimer: ReturnType<typeof setTimeout> | null = null;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private stopping: Promise<void> | null = null;
  /** Set when the child itself reported why it will exit, so the exit is judged by that reason. */
  private reportedFailure: { code: string; message: string } | null = null;

  constructor(options: CoreSupervisorOptions) {
    this.options = {
      fork: options.fork,
      startTimeoutMs: options.startTimeoutMs ?? 30_000,
      initialBackoffMs: options.initialBackoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      maxCrashes: options.maxCrashes ?? 5,
      crashWindowMs: options.crashWindowMs ?? 120_000,
      stableAfterMs: options.stableAfterMs ?? 60_000,
      stopTimeoutMs: options.stopTimeoutMs ?? 5_000,
      now: options.now ?? Date.now,
    };
    this.log = options.logger.child({ module: 'core-supervisor' });
    this.backoffMs = this.options.initialBackoffMs;
  }

  get status(): CoreStatus {
    return this.current;
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onDidChangeStatus(listener: (status: CoreStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the core. Does nothing while a core is starting, running or about to restart. */
  start(): void {
    if (this.stopping !== null || this.child !== null || this.restartTimer !== null) return;
    if (this.current.state === 'failed') return;
    this.spawn();
  }

  /**
   * Sends `core.stop`, waits up to stopTimeoutMs for the child to exit, then kills it. No restart
   * follows. Idempotent; resolves when the child is gone.
   */
  stop(): Promise<void> {
    this.stopping ??= this.stopChild();
    return this.stopping;
  }

  /** The last RECENT_EXITS unexpected exits, oldest first. */
  get recentExits(): readonly CoreExit[] {
    return [...this.exits];
  }

  /**
   * After the supervisor gave up ('failed'): forgets the crash count and the backoff and starts the core
   * again (a technician's retry on the crash screen). Returns false, doing nothing, in any other state.
   */
  retry(): boolean {
    if (this.current.state !== 'failed' || this.stopping !== null || this.child !== null) return false;
    this.log.info({ event: 'core-retry' }, 'starting the core again on request');
    this.crashTimes = [];
    this.backoffMs = this.options.initialBackoffMs;
    this.spawn();
    return true;
  }

  /** Asks a running core to reset its flow (the idle reset, from the shell). */
  reset(): void {
    if (this.current.state === 'running') this.child?.postMessage({ type: 'core.reset' });
  }

  private async stopChild(): Promise<void> {
    this.clearTimers();
    const child = this.child;
    const exited = this.childExited;
    if (child !== null && exited !== null) {
      child.postMessage({ type: 'core.stop' });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.options.stopTimeoutMs)));
      const outcome = await Promise.race([exited, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        this.log.warn({ event: 'core-kill', reason: 'stop-timeout' }, 'the core did not stop in time; killing it');
        child.kill();
        await exited;
      }
    }
    this.setStatus({ state: 'stopped' });
  }

  private spawn(): void {
    this.attempt += 1;
    this.reportedFailure = null;
    this.setStatus({ state: 'starting', attempt: this.attempt });
    let child: CoreChild;
    try {
      child = this.options.fork();
    } catch (err) {
      this.log.error({ event: 'core-fork-failed', error: (err as Error).name }, 'the core process could not be started');
      this.giveUp('CORE_START_FAILED', 'the core process could not be started');
      return;
    }
    this.child = child;
    this.startedAt = this.options.now();
    this.childExited = new Promise((resolve) => child.onExit(resolve));
    void this.childExited.then((code) => this.onExit(child, code));
    child.onMessage((message) => this.onMessage(child, message));
    this.startTimer = setTimeout(() => {
      this.startTimer = null;
      this.log.error({ event: 'core-start-timeout', timeoutMs: this.options.startTimeoutMs }, 'the core did not become ready in time; killing it');
      child.kill();
    }, this.options.startTimeoutMs);
  }

  private onMessage(child: CoreChild, message: unknown): void {
    if (child !== this.child) return;
    if (!isCoreMessage(message)) {
      this.log.warn({ event: 'core-message-refused', kind: typeof message }, 'ignored a message that is no core message');
      return;
    }
    if (message.type === 'core.ready') {
      if (this.startTimer !== null) clearTimeout(this.startTimer);
      this.startTimer = null;
      this.log.info({ event: 'core-ready', attempt: this.attempt, port: message.endpoints.port, profile: message.profile, flow: message.flow }, 'the core is ready');
      this.setStatus({ state: 'running', endpoints: message.endpoints, profile: message.profile, flow: message.flow });
    } else if (message.type === 'core.failed') {
      this.reportedFailure = { code: message.code, message: message.message };
      this.log.error({ event: 'core-failed', code: message.code }, 'the core reported that it cannot start');
    }
  }

  private onExit(child: CoreChild, code: number): void {
    if (child !== this.child) return;
    this.child = null;
    this.childExited = null;
    if (this.startTimer !== null) clearTimeout(this.startTimer);
    this.startTimer = null;
    if (this.stopping !== null) return; // expected: stopChild reports 'stopped'
    const now = this.options.now();
    this.log.warn({ event: 'core-exit', code, ranMs: now - this.startedAt }, 'the core process ended unexpectedly');
    const exit: CoreExit = { code, at: now, ranMs: now - this.startedAt, ...(this.reportedFailure === null ? {} : { reported: this.reportedFailure.code }) };
    this.exits = [...this.exits, exit].slice(-RECENT_EXITS);

    // A config error stays an error however often the core restarts: say so at once.
    if (code === CONFIG_ERROR_EXIT_CODE || this.reportedFailure?.code === 'CONFIG_INVALID') {
      this.giveUp('CORE_CONFIG_INVALID', this.reportedFailure?.message ?? `the core exited with code ${code}`);
      return;
    }
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < this.options.crashWindowMs), now];
    if (this.crashTimes.length >= this.options.maxCrashes) {
      this.giveUp('CORE_CRASH_LOOP', `${this.crashTimes.length} exits within ${Math.round(this.options.crashWindowMs / 1000)} s`);
      return;
    }
    if (now - this.startedAt >= this.options.stableAfterMs) this.backoffMs = this.options.initialBackoffMs;
    const delayMs = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs);
    this.setStatus({ state: 'restarting', delayMs, exitCode: code });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.spawn();
    }, delayMs);
  }

  private giveUp(code: CoreFailureCode, detail: string): void {
    this.clearTimers();
    this.log.error({ event: 'core-given-up', code }, 'the core is not restarted any more');
    this.setStatus({ state: 'failed', code, detail });
  }

  private clearTimers(): void {
    if (this.startTimer !== null) clearTimeout(this.startTimer);
    if (this.restartTimer !== null) clearTimeout(this.restartTimer);
    this.startTimer = null;
    this.restartTimer = null;
  }

  private setStatus(status: CoreStatus): void {
    this.current = status;
    for (const listener of [...this.listeners]) listener(status);
  }
}
