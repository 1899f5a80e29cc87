// A ring and seconds when the current step is about to give up (its timeout or the idle reset), so a
// person is not surprised by the screen going back. Shown in the last COUNTDOWN_VISIBLE_MS only.
// The deadline is on the core's clock: the time left is measured from when the snapshot arrived, so a
// skew between the two clocks does not matter.

import { useEffect, useState } from 'react';
import { text, type ScreenContext } from './screen-context.ts';

export const COUNTDOWN_VISIBLE_MS = 20_000;

export interface CountdownProps {
  readonly ctx: ScreenContext;
  readonly deadlineAt: number | null;
  /** The snapshot's `at` (core clock). */
  readonly snapshotAt: number;
  /** Local clock when the snapshot arrived. */
  readonly receivedAt: number;
}

/** Milliseconds left before the deadline, on the local clock at `now`. */
export function timeLeftMs(deadlineAt: number, snapshotAt: number, receivedAt: number, now: number): number {
  return deadlineAt - snapshotAt - (now - receivedAt);
}

export function Countdown({ ctx, deadlineAt, snapshotAt, receivedAt }: CountdownProps) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadlineAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [deadlineAt, receivedAt]);
  if (deadlineAt === null) return null;
  const left = timeLeftMs(deadlineAt, snapshotAt, receivedAt, now);
  if (left <= 0 || left > COUNTDOWN_VISIBLE_MS) return null;
  const seconds = Math.ceil(left / 1000);
  const fraction = left / COUNTDOWN_VISIBLE_MS;
  const circumference = 2 * Math.PI * 26;
  return (
    <div className="countdown" role="timer" aria-label={text(ctx, 'secondsLeft', { s: seconds })} data-testid="countdown">
      <svg viewBox="0 0 64 64" aria-hidden="true">
        <circle className="countdown-track" cx="32" cy="32" r="26" />
        <circle className="countdown-ring" cx="32" cy="32" r="26" strokeDasharray={`${circumference * fraction} ${circumference}`} />
      </svg>
      <span className="countdown-seconds">{seconds}</span>
    </div>
  );
}
