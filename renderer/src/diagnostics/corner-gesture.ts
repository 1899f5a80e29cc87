// The discreet way into diagnostics: five taps on the corner within three seconds, or one press held for
// two seconds. Pure timing logic (timers injected by the caller's environment), so it is tested with
// fake timers and reused by the corner component.

export const CORNER_TAPS = 5;
export const CORNER_TAP_WINDOW_MS = 3_000;
export const CORNER_HOLD_MS = 2_000;

export interface CornerGesture {
  /** A press starts (pointerdown). */
  down(): void;
  /** The press ends or leaves the corner (pointerup, pointercancel, pointerleave). */
  up(): void;
  dispose(): void;
}

/** Calls `onTrigger` once per completed gesture. */
export function createCornerGesture(onTrigger: () => void, now: () => number = Date.now): CornerGesture {
  let taps: number[] = [];
  let holdTimer: ReturnType<typeof setTimeout> | null = null;
  const cancelHold = (): void => {
    if (holdTimer) clearTimeout(holdTimer);
    holdTimer = null;
  };
  return {
    down() {
      const at = now();
      taps = [...taps.filter((t) => at - t < CORNER_TAP_WINDOW_MS), at];
      if (taps.length >= CORNER_TAPS) {
        taps = [];
        cancelHold();
        onTrigger();
        return;
      }
      cancelHold();
      holdTimer = setTimeout(() => {
        holdTimer = null;
        taps = [];
        onTrigger();
      }, CORNER_HOLD_MS);
    },
    up: cancelHold,
    dispose() {
      cancelHold();
      taps = [];
    },
  };
}

/** Ctrl+Alt+D, the keyboard way in for a technician with a keyboard attached. */
export function isDiagnosticsShortcut(event: Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'key' | 'code'>): boolean {
  return event.ctrlKey && event.altKey && (event.code === 'KeyD' || event.key.toLowerCase() === 'd');
}
