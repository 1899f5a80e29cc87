// The health bookkeeping every serial device shares: the current DeviceHealth, a change event that fires
// only on a real change, and the self-test step timer.

import type { DeviceHealth, DeviceState, SelfTestResult, SelfTestStep } from '../../hal/device.ts';
import { KioskError, type LocalizedText } from '../../hal/errors.ts';
import { Emitter } from '../../hal/event.ts';

export class DeviceHealthTracker {
  private readonly changed = new Emitter<DeviceHealth>();
  private current: DeviceHealth;
  readonly onDidChange = this.changed.event;

  constructor(private readonly now: () => number = Date.now) {
    this.current = Object.freeze({ state: 'absent', reason: 'NOT_OPENED', since: now() });
  }

  get health(): DeviceHealth {
    return this.current;
  }

  /** Moves to `state`; fires only when the state, reason or detail changed. */
  set(state: DeviceState, reason?: string, detail?: string): void {
    const c = this.current;
    if (c.state === state && c.reason === reason && c.detail === detail) return;
    this.current = Object.freeze({
      state,
      ...(reason === undefined ? {} : { reason }),
      ...(detail === undefined ? {} : { detail }),
      since: this.now(),
    });
    this.changed.fire(this.current);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Runs self-test steps in order, timing each; stops at the first failure. */
export class SelfTestRun {
  private readonly steps: SelfTestStep[] = [];
  private readonly started = performance.now();
  private userMessage: LocalizedText | undefined;

  /** Runs `fn` as step `name`; returns its value, or undefined when it threw (the run is then failed). */
  async step<T>(name: string, fn: () => Promise<T>, detail?: (value: T) => string): Promise<T | undefined> {
    if (this.failed) return undefined;
    const t0 = performance.now();
    try {
      const value = await fn();
      const d = detail?.(value);
      this.steps.push(Object.freeze({ name, ok: true, ms: round(performance.now() - t0), ...(d === undefined ? {} : { detail: d }) }));
      return value;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const code = err instanceof KioskError ? `${err.code}: ` : '';
      this.steps.push(Object.freeze({ name, ok: false, ms: round(performance.now() - t0), detail: `${code}${message}` }));
      if (err instanceof KioskError) this.userMessage = err.userMessage;
      return undefined;
    }
  }

  get failed(): boolean {
    return this.steps.some((s) => !s.ok);
  }

  result(): SelfTestResult {
    return Object.freeze({
      ok: !this.failed,
      steps: Object.freeze([...this.steps]),
      totalMs: round(performance.now() - this.started),
      ...(this.userMessage === undefined ? {} : { userMessage: this.userMessage }),
    });
  }
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
