// MRZ readers send one line per MRZ line (ICAO 9303-3 §4: TD1 3 x 30, TD2 2 x 36, TD3 2 x 44), a few
// milliseconds apart. This groups consecutive lines of one MRZ length until the format's line count,
// and gives up when the next line does not come within the inter-line timeout or has another length.
// Some readers send the whole MRZ as one line (90, 72 or 88 characters): that is complete at once.

import { ScanError } from '../../../hal/document-scanner.ts';

export type GroupedScan =
  | { readonly kind: 'mrz'; readonly lines: readonly string[] }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'error'; readonly error: ScanError };

/** Line length -> lines in the MRZ (TD1, TD2, TD3). */
const LINES_BY_LENGTH: ReadonlyMap<number, number> = new Map([
  [30, 3],
  [36, 2],
  [44, 2],
]);
const WHOLE_MRZ_LENGTHS = new Set([90, 72, 88]);
const MRZ_CHARS = /^[A-Z0-9<]+$/;

export const DEFAULT_INTER_LINE_TIMEOUT_MS = 300;

export interface GrouperTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: GrouperTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class MrzLineGrouper {
  private pending: string[] = [];
  private timer: unknown;

  constructor(
    private readonly emit: (scan: GroupedScan) => void,
    readonly interLineTimeoutMs: number = DEFAULT_INTER_LINE_TIMEOUT_MS,
    private readonly timers: GrouperTimers = realTimers,
  ) {}

  push(text: string): void {
    if (text.length === 0) return;
    if (MRZ_CHARS.test(text) && WHOLE_MRZ_LENGTHS.has(text.length) && text.includes('<')) {
      this.flush();
      this.emit({ kind: 'mrz', lines: [text] });
      return;
    }
    const expected = MRZ_CHARS.test(text) ? LINES_BY_LENGTH.get(text.length) : undefined;
    if (expected === undefined) {
      this.flush();
      this.emit({ kind: 'text', text });
      return;
    }
    if (this.pending.length > 0 && this.pending[0]!.length !== text.length) this.flush();
    this.pending.push(text);
    this.stopTimer();
    if (this.pending.length === expected) {
      const lines = this.pending;
      this.pending = [];
      this.emit({ kind: 'mrz', lines });
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.interLineTimeoutMs);
  }

  /**
   * Ends an incomplete group: a lone line without any '<' filler is more likely a plain barcode of MRZ
   * length than a torn MRZ, so it is passed on as text; anything else is MRZ_INCOMPLETE.
   */
  flush(): void {
    this.stopTimer();
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    if (lines.length === 1 && !lines[0]!.includes('<')) {
      this.emit({ kind: 'text', text: lines[0]! });
      return;
    }
    const expected = LINES_BY_LENGTH.get(lines[0]!.length)!;
    this.emit({
      kind: 'error',
      error: new ScanError('MRZ_INCOMPLETE', `MRZ stopped after ${lines.length} of ${expected} lines of ${lines[0]!.length} characters`, { step: 'scanner.mrz' }),
    });
  }

  /** Drops a partial group without reporting it (after an unplug or on dispose). */
  reset(): void {
    this.stopTimer();
    this.pending = [];
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
