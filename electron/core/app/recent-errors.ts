// The latest errors the core met, for the technician's diagnostics screen and the exported report: a
// ring of the last 50, newest first. The composition root feeds it from failed reads, sync errors and
// device faults. It holds codes and technician text only: callers must never pass personal data (a
// name, an ID number, MRZ text, a card's data) — pass the error's code and its technician message, which
// the card stack, the store and the sync client keep free of personal data by construction.

import { Emitter, type Event } from '../../../native/hal/event.ts';

export interface RecentError {
  /** When it happened (ms since the epoch). */
  readonly at: number;
  /** A stable code, e.g. `CARD_REMOVED`, `SYNC_HTTP_503`, `PAPER_OUT`. */
  readonly code: string;
  /** Technician-facing English, at most MAX_ERROR_MESSAGE_CHARS. */
  readonly message: string;
}

export const MAX_RECENT_ERRORS = 50;
export const MAX_ERROR_MESSAGE_CHARS = 500;
const MAX_CODE_CHARS = 64;

/** The code as the contract's identifier allows it (letters, digits and `. _ : -`), never empty. */
export function errorCodeOf(code: string): string {
  const cleaned = code.replace(/[^A-Za-z0-9._:-]/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, MAX_CODE_CHARS);
  return cleaned === '' ? 'UNKNOWN' : cleaned;
}

/**
 * `text` cut to at most `max` UTF-16 code units (what the contract's bounded strings count), ending in an
 * ellipsis when it was longer, never splitting a surrogate pair.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

export class RecentErrors {
  /** Oldest first; `list()` reverses. */
  private readonly ring: RecentError[] = [];
  private readonly now: () => number;
  private readonly added = new Emitter<RecentError>();

  /** Fires after each `add`. */
  readonly onDidAdd: Event<RecentError> = this.added.event;

  constructor(options: { readonly now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Records one error. `code` is made a contract identifier (other characters become `_`), `message`
   * is cut to 500 characters. Obligation of the caller: no personal data in either.
   */
  add(code: string, message: string): void {
    const entry: RecentError = Object.freeze({
      at: Math.max(0, Math.floor(this.now())),
      code: errorCodeOf(code),
      message: truncateText(message, MAX_ERROR_MESSAGE_CHARS),
    });
    this.ring.push(entry);
    if (this.ring.length > MAX_RECENT_ERRORS) this.ring.shift();
    this.added.fire(entry);
  }

  /** The recorded errors, newest first (at most 50). */
  list(): readonly RecentError[] {
    return Object.freeze([...this.ring].reverse());
  }

  get size(): number {
    return this.ring.length;
  }
}
