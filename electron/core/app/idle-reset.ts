// The flows time out step by step, but a person who walks away while the screen itself is gone (the
// browser crashed, the window closed) would leave their data in the core until the step's timeout. This
// watch resets the flow once no screen has been connected for the idle period. A reload reconnects
// within seconds and gets the latest snapshot, so it never resets anything.

import type { Disposable } from '../../../native/hal/event.ts';

export interface IdleResetOptions {
  /** Screens connected now (the host's sessions, minus the local agents the router has seen). */
  readonly screens: () => number;
  /** Whether the flow holds a person now (not on its welcome screen). */
  readonly busy: () => boolean;
  readonly reset: () => void;
  /** How long without a screen before the reset. */
  readonly idleMs: number;
  /** How often to look (default 1 s, or idleMs when shorter). */
  readonly checkEveryMs?: number;
  readonly now?: () => number;
}

export class IdleReset implements Disposable {
  private readonly timer: NodeJS.Timeout;
  private screenlessSince: number | undefined;
  private readonly now: () => number;

  constructor(private readonly options: IdleResetOptions) {
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => this.check(), options.checkEveryMs ?? Math.min(1000, options.idleMs));
    this.timer.unref();
  }

  /** One look: exposed for tests that drive `now` themselves. */
  check(): void {
    if (this.options.screens() > 0) {
      this.screenlessSince = undefined;
      return;
    }
    const now = this.now();
    this.screenlessSince ??= now;
    if (now - this.screenlessSince >= this.options.idleMs && this.options.busy()) {
      this.options.reset();
      this.screenlessSince = now;
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
