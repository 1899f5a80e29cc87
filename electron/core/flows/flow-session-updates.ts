// How both flows' contexts change on the same device events: a chip read's progress, a document scan,
// and dropping the person when they step back. Pure functions of the old values; the machines assign
// what they return. The replaced session's byte arrays are zeroed (wipeSession) before it is dropped.

import type { ScanEvent } from '../../../native/hal/document-scanner.ts';
import { problemOf, type FlowProblem } from './flow-problem.ts';
import { EMPTY_SESSION, presentedScan, wipeSession, type PersonSession } from './person-session.ts';
import { readingFraction } from './flow-view-parts.ts';
import type { ChipReadEvent } from './ports.ts';

export interface ReadStateUpdate {
  readonly session?: PersonSession;
  readonly progress?: ReadProgressState;
  readonly cardLost?: boolean;
}

/** A chip read's progress as a flow keeps it; `fraction` is the highest the bar has shown in this read. */
export interface ReadProgressState {
  readonly file: string;
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly fraction: number;
}

/**
 * The progress bar, the name read so far, and whether the card left the reader. `previous` is the
 * read's progress so far: the bar keeps its highest value, so it never moves back (a file re-read after
 * a resume, a chip that orders its files differently).
 */
export function afterReadEvent(session: PersonSession, event: ChipReadEvent, previous?: ReadProgressState): ReadStateUpdate {
  if (event.type === 'progress') {
    const progress = { file: event.file, bytesRead: event.bytesRead, totalBytes: event.totalBytes };
    return { progress: { ...progress, fraction: Math.max(previous?.fraction ?? 0, readingFraction(progress)) } };
  }
  if (event.type === 'holder') return { session: { ...session, holderName: event.fullName } };
  if (event.type === 'card-lost') return { cardLost: true };
  if (event.type === 'card-back') return { cardLost: false };
  return {};
}

/** A usable scan starts a new session (the old one wiped); a scan error becomes the problem shown. */
export function afterScan(session: PersonSession, scanEvent: ScanEvent): { readonly session?: PersonSession; readonly problem?: FlowProblem | undefined } {
  const scan = presentedScan(scanEvent);
  if (!scan) return scanEvent.kind === 'error' ? { problem: problemOf(scanEvent.error) } : {};
  wipeSession(session);
  return { session: { ...EMPTY_SESSION, scan }, problem: undefined };
}

/** The person's data dropped (wiped) with the read's progress, keeping the rest of the context. */
export function clearedPerson(session: PersonSession): { readonly session: PersonSession; readonly progress: undefined; readonly cardLost: false } {
  wipeSession(session);
  return { session: EMPTY_SESSION, progress: undefined, cardLost: false };
}
