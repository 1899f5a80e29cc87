// The recent logs as a diagnostics report carries them: the lines of the last hours from every
// process's rotated files in the log directory, newest kept first within a size budget, and each line
// re-checked for personal data on its way out. The first check is pino's redaction when the line was
// written (by field name, three levels deep); this second one walks the whole object, so a personal
// field nested deeper, or a value shaped like an ID number, an MRZ or a CCCD QR text under a harmless
// field name, is blanked too. A line that is not a log object is dropped, never copied as it is.

import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LOG_FILE_EXTENSION } from './log-files.ts';
import { REDACTED_FIELDS } from './logger.ts';

export const CENSOR = '[redacted]';
/** Default window of a report: the last 6 hours. */
export const LOG_TAIL_WINDOW_MS = 6 * 60 * 60 * 1000;
/** Default budget of the lines together (characters): a good part of the report, never all of it. */
export const LOG_TAIL_MAX_CHARS = 256 * 1024;
/** No file is read past its last 8 MB: the window's lines are at the end of a file anyway. */
const MAX_READ_BYTES = 8 * 1024 * 1024;
/** A log line longer than this is no line of ours (a dump, a corrupt file): dropped. */
const MAX_LINE_CHARS = 16 * 1024;

// Stricter than the first pass: the card's other personal fields (DG13, the identity's numbers) too.
const SECOND_PASS_FIELDS = ['personalNumber', 'oldIdNumber', 'fatherName', 'motherName', 'spouseName', 'parents', 'holderName', 'ethnicity', 'religion', 'identifyingMarks', 'identity', 'holder', 'evidence'];
const FIELDS = new Set([...REDACTED_FIELDS, ...SECOND_PASS_FIELDS].map((f) => f.toLowerCase()));
// Values whatever their field: runs of 9+ digits (CCCD and old ID numbers), MRZ text (filler runs),
// and the CCCD front QR (`ID12|oldID9|name|...`: several `|`-separated fields).
const DIGIT_RUN = /\d{9,}/g;
const MRZ_LIKE = /[A-Z0-9<]*<<[A-Z0-9<]*/g;
const QR_LIKE = /[^|]*\|[^|]*\|[^|]*\|.*/;

export interface LogTail {
  /** The log directory the lines came from. */
  readonly directory: string;
  /** The window's start and the report's time (ISO 8601, UTC). */
  readonly since: string;
  readonly until: string;
  /** The lines, oldest first, each one JSON log object after the second redaction pass. */
  readonly lines: readonly string[];
  /** Lines of the window left out to stay within the budget (the oldest ones). */
  readonly linesOmitted: number;
  /** Lines that were no log object, or too long, and were dropped. */
  readonly linesDropped: number;
  /** Files that could not be read (`name: code`). */
  readonly unreadable: readonly string[];
}

export interface ReadLogTailOptions {
  readonly directory: string;
  readonly now: number;
  readonly windowMs?: number;
  readonly maxChars?: number;
}

function scrubString(value: string): string {
  if (QR_LIKE.test(value)) return CENSOR;
  return value.replace(MRZ_LIKE, (m) => (m.length >= 10 ? CENSOR : m)).replace(DIGIT_RUN, CENSOR);
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 12) return CENSOR;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = FIELDS.has(key.toLowerCase()) ? CENSOR : scrubValue(v, depth + 1);
  return out;
}

/** The second redaction pass over one log line. Returns null for a line that is no JSON log object. */
export function scrubLogLine(line: string): { text: string; time: number } | null {
  if (line.length === 0 || line.length > MAX_LINE_CHARS) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const time = (parsed as { time?: unknown }).time;
  if (typeof time !== 'number') return null;
  return { text: JSON.stringify(scrubValue(parsed, 0)), time };
}

async function readEnd(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, MAX_READ_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    // A read that starts mid-file starts mid-line: that partial line is not kept.
    return length < size ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await handle.close();
  }
}

/**
 * Reads the window's lines from every `*.log` file of `directory` changed within the window, merges
 * them by time, keeps the newest within maxChars. Never throws for a file: an unreadable one is named
 * in `unreadable`; a missing directory gives no lines.
 */
export async function readLogTail(options: ReadLogTailOptions): Promise<LogTail> {
  const windowMs = options.windowMs ?? LOG_TAIL_WINDOW_MS;
  const maxChars = options.maxChars ?? LOG_TAIL_MAX_CHARS;
  const since = options.now - windowMs;
  const unreadable: string[] = [];
  let names: string[] = [];
  try {
    names = (await readdir(options.directory)).filter((n) => n.endsWith(LOG_FILE_EXTENSION));
  } catch (err) {
    unreadable.push(`.: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const entries: { text: string; time: number }[] = [];
  let dropped = 0;
  for (const name of names.sort()) {
    const path = join(options.directory, name);
    try {
      const info = await stat(path);
      if (!info.isFile() || info.mtimeMs < since) continue;
      for (const line of (await readEnd(path)).split('\n')) {
        if (line.length === 0) continue;
        const scrubbed = scrubLogLine(line);
        if (scrubbed === null) dropped += 1;
        else if (scrubbed.time >= since && scrubbed.time <= options.now) entries.push(scrubbed);
      }
    } catch (err) {
      unreadable.push(`${name}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  // Stable sort: lines of one file with the same millisecond keep their written order.
  entries.sort((a, b) => a.time - b.time);
  const kept: string[] = [];
  let chars = 0;
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const text = entries[i]!.text;
    if (chars + text.length + 4 > maxChars) break;
    chars += text.length + 4;
    kept.push(text);
  }
  kept.reverse();
  return {
    directory: options.directory,
    since: new Date(since).toISOString(),
    until: new Date(options.now).toISOString(),
    lines: kept,
    linesOmitted: entries.length - kept.length,
    linesDropped: dropped,
    unreadable,
  };
}
