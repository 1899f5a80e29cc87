// Runs one flow machine for the composition root: starts the actor, turns every snapshot into the view
// model the UI renders, fires onDidChangeView when it changed, and knows when the current step gives
// up (for the screen's countdown). Intents go in through `send`; nothing else reaches the machine.

import { createActor, type ActorOptions, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';
import { Emitter, type Disposable, type Event } from '../../../native/hal/event.ts';
import type { Logger } from '../../../native/util/logger.ts';
import type { FlowIntent } from './flow-events.ts';
import type { FlowViewModel } from './flow-view-parts.ts';

type Clock = NonNullable<ActorOptions<AnyStateMachine>['clock']>;

export interface FlowRunnerOptions {
  /** The clock of the machine's timers (XState SimulatedClock in tests). */
  readonly clock?: Clock;
  /** Milliseconds since the epoch, for `deadlineAt` (default: the clock's `now` when it has one, else Date.now). */
  readonly now?: () => number;
  readonly logger?: Logger;
}

export class FlowRunner<TMachine extends AnyStateMachine> implements Disposable {
  private readonly actor;
  private readonly changed = new Emitter<FlowViewModel>();
  private current: FlowViewModel;
  private enteredAt: number;
  private readonly now: () => number;

  readonly onDidChangeView: Event<FlowViewModel> = this.changed.event;

  constructor(
    machine: TMachine,
    private readonly toView: (snapshot: SnapshotFrom<TMachine>) => FlowViewModel,
    options: FlowRunnerOptions = {},
  ) {
    const clock = options.clock;
    this.now = options.now ?? (clock && 'now' in clock && typeof clock.now === 'function' ? () => (clock as { now(): number }).now() : Date.now);
    this.actor = createActor(machine as AnyStateMachine, clock ? { clock } : {});
    this.enteredAt = this.now();
    this.current = this.toView(this.actor.getSnapshot() as SnapshotFrom<TMachine>);
    this.actor.subscribe({
      next: (snapshot) => this.update(snapshot as SnapshotFrom<TMachine>),
      error: (err: unknown) => options.logger?.error({ err: err instanceof Error ? err.name : 'unknown' }, 'flow machine stopped on an error'),
    });
    this.actor.start();
  }

  /** The view model of the current state. */
  get view(): FlowViewModel {
    return this.current;
  }

  /** When the current step gives up, in epoch milliseconds; null when it waits forever. */
  get deadlineAt(): number | null {
    return this.current.timeoutMs === null ? null : this.enteredAt + this.current.timeoutMs;
  }

  /** The machine's snapshot, for tests and diagnostics (holds personal data: never log it). */
  get snapshot(): SnapshotFrom<TMachine> {
    return this.actor.getSnapshot() as SnapshotFrom<TMachine>;
  }

  send(intent: FlowIntent): void {
    if (intent.type === 'ACTIVITY') this.enteredAt = this.now();
    this.actor.send(intent as EventFromLogic<TMachine>);
  }

  dispose(): void {
    this.actor.stop();
    this.changed.dispose();
  }

  private update(snapshot: SnapshotFrom<TMachine>): void {
    const next = this.toView(snapshot);
    if (next.state !== this.current.state) this.enteredAt = this.now();
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.changed.fire(next);
  }
}
