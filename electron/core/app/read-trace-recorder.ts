// The last chip read as the technician's diagnostics screen shows it: the APDU trace (command headers,
// sizes, status words and timings from the card stack's data-free trace, ApduTraceEntry), the time to
// access, to the holder's name and to the end, the resumes after a card was lifted, and the error code
// of a failed read. Only the last read is kept, bounded to MAX_TRACE_LINES lines. Nothing personal is
// kept: the holder event's name is only a timestamp here, and a trace entry carries no data field.
//
// Wiring (composition root): pass `record` as DocumentReaderCardPortOptions.trace and hand the flow
// `wrap(port)`; the wrapper marks where each read starts and ends, so the entries fall to the right read.

import type { ApduTraceEntry } from '../../../native/card/apdu/apdu-transport.ts';
import { Emitter, type Event } from '../../../native/hal/event.ts';
import { ApduTraceLineSchema, type ApduTraceLine, type LastReadView } from '../../contract/index.ts';
import type { CardPort, ChipRead, ChipReadEvent, ChipReadRequest } from '../flows/ports.ts';
import { errorCodeOf, truncateText } from './recent-errors.ts';

/** Lines kept per read: the first half and the last half when a read sends more. */
export const MAX_TRACE_LINES = 2000;
const HEAD_LINES = MAX_TRACE_LINES / 2;
const MAX_ATR_BYTES = 40;

export interface ReadTraceRecorderOptions {
  /** Wall clock for `at` (default Date.now). Durations use performance.now(). */
  readonly now?: () => number;
  /** Monotonic clock for durations in ms (default performance.now). */
  readonly monotonic?: () => number;
}

interface ReadRecord {
  at: number;
  started: number;
  accessAt: number | undefined;
  holderAt: number | undefined;
  head: ApduTraceLine[];
  /** Ring of the lines after the head. */
  tail: ApduTraceLine[];
  apduCount: number;
  bytesSent: number;
  bytesReceived: number;
  resumes: number;
  access: 'PACE' | 'BAC' | undefined;
}

const round = (ms: number): number => Math.max(0, Math.round(ms * 10) / 10);

/**
 * One trace entry as the contract shows it, or undefined when it cannot be shown validly (a step name
 * is cut to 80 characters; a command that is not a plain header is dropped rather than risk data).
 */
export function traceLineOf(entry: ApduTraceEntry): ApduTraceLine | undefined {
  const line = {
    step: truncateText(String(entry.step), 80),
    command: String(entry.command).replace(/\s+/g, ' ').trim(),
    secureMessaging: entry.secureMessaging === true,
    commandBytes: Number.isSafeInteger(entry.commandBytes) && entry.commandBytes >= 0 ? entry.commandBytes : 0,
    responseBytes: Number.isSafeInteger(entry.responseBytes) && entry.responseBytes >= 0 ? entry.responseBytes : 0,
    sw: /^[0-9A-Fa-f]{4}$/.test(entry.sw) ? entry.sw.toUpperCase() : '',
    ms: Number.isFinite(entry.ms) ? round(entry.ms) : 0,
  };
  const parsed = ApduTraceLineSchema.safeParse(line);
  return parsed.success ? parsed.data : undefined;
}

/** The ATR as upper-case hex, or undefined when it is not one (empty, too long, not hex). */
export function atrHexOf(atr: Uint8Array | string): string | undefined {
  const hex = typeof atr === 'string' ? atr.replace(/\s+/g, '').toUpperCase() : Array.from(atr, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
  return hex.length > 0 && hex.length <= MAX_ATR_BYTES * 2 && hex.length % 2 === 0 && /^[0-9A-F]+$/.test(hex) ? hex : undefined;
}

export class ReadTraceRecorder {
  private readonly now: () => number;
  private readonly monotonic: () => number;
  /** Reads in the order the flow asked for them; the port runs them one after another in that order. */
  private readonly pending: ReadRecord[] = [];
  private last: LastReadView | undefined;
  private currentAtr: string | undefined;
  private readonly finished = new Emitter<void>();

  /** Fires after each read through a wrapped port ended, successfully or not. */
  readonly onDidFinishRead: Event<void> = this.finished.event;

  constructor(options: ReadTraceRecorderOptions = {}) {
    this.now = options.now ?? Date.now;
    this.monotonic = options.monotonic ?? (() => performance.now());
  }

  /** Pass as DocumentReaderCardPortOptions.trace. Entries outside a wrapped read are dropped. */
  readonly record = (entry: ApduTraceEntry): void => {
    const read = this.pending[0];
    if (read === undefined) return;
    read.apduCount += 1;
    read.bytesSent += Math.max(0, entry.commandBytes | 0);
    read.bytesReceived += Math.max(0, entry.responseBytes | 0);
    // The access protocol that last succeeded is the one in force (PACE, or BAC after a PACE failure).
    if (entry.sw === '9000' && entry.step === 'pace.mutualAuthenticate') read.access = 'PACE';
    if (entry.sw === '9000' && entry.step === 'bac.externalAuthenticate') read.access = 'BAC';
    const line = traceLineOf(entry);
    if (line === undefined) return;
    if (read.head.length < HEAD_LINES) read.head.push(line);
    else {
      read.tail.push(line);
      if (read.tail.length > MAX_TRACE_LINES - HEAD_LINES) read.tail.shift();
    }
  };

  /**
   * Wraps the flow's CardPort: each read is timed from its start (or from the end of the read before
   * it, which the port finishes first), through its events, to its end or error. The wrapper forwards
   * everything else unchanged.
   */
  wrap(port: CardPort): CardPort {
    return {
      get cardPresent() {
        return port.cardPresent;
      },
      onDidInsertCard: port.onDidInsertCard,
      onDidRemoveCard: port.onDidRemoveCard,
      read: (request: ChipReadRequest) => this.traced(port, request),
    };
  }

  /** The last finished read (undefined before the first one). */
  lastRead(): LastReadView | undefined {
    return this.last;
  }

  /** The ATR of the card last seen (upper-case hex), if any. */
  atr(): string | undefined {
    return this.currentAtr;
  }

  /** Remembers the ATR of a card on the reader (from the reader's insert event or a self-test). */
  noteAtr(atr: Uint8Array | string): void {
    const hex = atrHexOf(atr);
    if (hex !== undefined) this.currentAtr = hex;
  }

  dispose(): void {
    this.finished.dispose();
  }

  private async traced(port: CardPort, request: ChipReadRequest): Promise<ChipRead> {
    const read: ReadRecord = {
      at: this.now(),
      started: this.monotonic(),
      accessAt: undefined,
      holderAt: undefined,
      head: [],
      tail: [],
      apduCount: 0,
      bytesSent: 0,
      bytesReceived: 0,
      resumes: 0,
      access: undefined,
    };
    this.pending.push(read);
    const onEvent = (event: ChipReadEvent): void => {
      this.observe(read, event);
      request.onEvent(event);
    };
    try {
      const result = await port.read({ ...request, onEvent });
      this.finish(read, undefined);
      return result;
    } catch (err) {
      this.finish(read, err);
      throw err;
    }
  }

  private observe(read: ReadRecord, event: ChipReadEvent): void {
    const at = this.monotonic();
    // Access ends with the `access` event; a port that does not send it ends it with the first file.
    if (read.accessAt === undefined && (event.type === 'access' || event.type === 'progress' || event.type === 'holder')) read.accessAt = at;
    if (read.holderAt === undefined && event.type === 'holder') read.holderAt = at;
    if (event.type === 'card-back') read.resumes += 1;
  }

  private finish(read: ReadRecord, error: unknown): void {
    const index = this.pending.indexOf(read);
    if (index >= 0) this.pending.splice(index, 1);
    // The next read starts when this one has released the card, not when it was asked for.
    const next = this.pending[0];
    const end = this.monotonic();
    if (next !== undefined && next.started < end && next.apduCount === 0) next.started = end;
    const ok = error === undefined;
    const timings =
      read.accessAt !== undefined && read.holderAt !== undefined
        ? { accessMs: round(read.accessAt - read.started), holderMs: round(read.holderAt - read.started), totalMs: round(end - read.started) }
        : undefined;
    this.last = Object.freeze({
      at: Math.max(0, Math.floor(read.at)),
      ok,
      ...(ok ? {} : { errorCode: errorCodeFrom(error) }),
      ...(read.access === undefined ? {} : { access: read.access }),
      ...(timings === undefined ? {} : { timings }),
      apduCount: read.apduCount,
      bytesSent: read.bytesSent,
      bytesReceived: read.bytesReceived,
      resumes: read.resumes,
      trace: [...read.head, ...read.tail],
    });
    this.finished.fire();
  }
}

/** A read's error as a code: a KioskError's `code`, else the error's class name. */
function errorCodeFrom(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string') return errorCodeOf((error as { code: string }).code);
  return errorCodeOf(error instanceof Error ? error.name : 'READ_FAILED');
}
