// A circuit breaker over the central service: after `failureThreshold` consecutive failures it opens and
// no request is sent until the open period ends; then one trial batch is let through (half-open). A
// success closes it; a failure re-opens it for twice as long, up to `maxOpenMs`. While open, the kiosk
// keeps queueing check-ins and stops spending batteries of requests on a service that is down.

import { Emitter, type Event } from '../../../native/hal/event.ts';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  readonly failureThreshold?: number;
  /** First open period. */
  readonly openMs?: number;
  /** Longest open period after repeated failed trials. */
  readonly maxOpenMs?: number;
  readonly now?: () => number;
}

export class CircuitBreaker {
  private readonly changed = new Emitter<BreakerState>();
  private readonly failureThreshold: number;
  private readonly baseOpenMs: number;
  private readonly maxOpenMs: number;
  private readonly now: () => number;
  private failures = 0;
  private openUntil = 0;
  private openMs: number;
  private tripped = false;
  private reported: BreakerState = 'closed';

  readonly onDidChangeState: Event<BreakerState> = this.changed.event;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = Math.max(1, options.failureThreshold ?? 5);
    this.baseOpenMs = options.openMs ?? 30_000;
    this.maxOpenMs = Math.max(this.baseOpenMs, options.maxOpenMs ?? 5 * 60_000);
    this.openMs = this.baseOpenMs;
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    const state: BreakerState = !this.tripped ? 'closed' : this.now() < this.openUntil ? 'open' : 'half-open';
    this.report(state);
    return state;
  }

  /** How long until a request may be sent (0 when closed or half-open). */
  get retryInMs(): number {
    return this.state === 'open' ? this.openUntil - this.now() : 0;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.tripped = false;
    this.openMs = this.baseOpenMs;
    this.report('closed');
  }

  /** Counts a failure; `notBeforeMs` (a Retry-After) keeps an opening breaker open at least that long. */
  recordFailure(notBeforeMs = 0): void {
    const wasTrial = this.state === 'half-open';
    this.failures += 1;
    if (wasTrial) this.openMs = Math.min(this.maxOpenMs, this.openMs * 2);
    if (wasTrial || this.failures >= this.failureThreshold) {
      this.tripped = true;
      this.openUntil = this.now() + Math.max(this.openMs, notBeforeMs);
      this.report('open');
    }
  }

  dispose(): void {
    this.changed.dispose();
  }

  private report(state: BreakerState): void {
    if (state === this.reported) return;
    this.reported = state;
    this.changed.fire(state);
  }
}
