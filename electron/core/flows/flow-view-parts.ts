// Pieces both flows' views share: the holder as a confirmation screen shows them (name, document kind,
// the last characters of the document number, the photo as a data URL), the reading step and overall
// fraction for the progress bar, and the state path of a snapshot. The view of a flow is all the UI
// gets, so these hold nothing a screen does not show.

import type { Language } from '../../contract/common.ts';
import type { FlowIntentType } from '../../contract/requests.ts';
import type { FlowKind, HolderView, ReadProgress, ScreenView } from '../../contract/screens.ts';
import type { PersonSession } from './person-session.ts';
import type { Identity } from './ports.ts';

const photoUrls = new WeakMap<Uint8Array, string>();

/** JPEG and PNG as data URLs; JPEG 2000 portraits (some passports) are not shown (no transcoder yet). */
export function photoDataUrl(photo: Identity['photo']): string | undefined {
  if (!photo || (photo.mimeType !== 'image/jpeg' && photo.mimeType !== 'image/png')) return undefined;
  let url = photoUrls.get(photo.bytes);
  if (url === undefined) {
    url = `data:${photo.mimeType};base64,${Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength).toString('base64')}`;
    photoUrls.set(photo.bytes, url);
  }
  return url;
}

function tail(documentNumber: string | undefined): string | undefined {
  const t = documentNumber?.toUpperCase().replace(/[^A-Z0-9<]/g, '').slice(-4);
  return t ? t : undefined;
}

function documentKind(session: PersonSession): HolderView['documentKind'] {
  if (session.identity) return session.identity.documentType;
  if (session.scan?.kind === 'cccd-qr') return 'CCCD';
  const code = session.scan?.mrz.documentCode ?? '';
  if (code.startsWith('P')) return 'PASSPORT';
  return session.scan?.mrz.issuingState === 'VNM' ? 'CCCD' : 'OTHER';
}

/** The holder for a screen: the identity once known, else the name read so far (undefined without one). */
export function holderView(session: PersonSession): HolderView | undefined {
  const identity = session.identity ?? session.read?.identity;
  const fullName = (identity?.fullName ?? session.holderName ?? '').slice(0, 200);
  if (!fullName) return undefined;
  const documentNumber = identity?.documentNumber ?? (session.scan?.kind === 'mrz' ? session.scan.mrz.documentNumber : session.scan?.identity.documentNumber);
  const documentNumberTail = tail(documentNumber);
  const photo = photoDataUrl(identity?.photo);
  return {
    fullName,
    documentKind: documentKind(session),
    ...(documentNumberTail ? { documentNumberTail } : {}),
    ...(photo ? { photo } : {}),
  };
}

export type ReadingStep = 'access' | 'holder' | 'photo' | 'verifying';

/** The files read before the photo, in the order the card stack reads them (DESIGN: name on screen first). */
const HOLDER_FILES = ['CardAccess', 'COM', 'DG1', 'DG13', 'DG14'];
/** The files read after the photo, for the checks. */
const CHECK_FILES = ['EF.SOD', 'SOD', 'DG15', 'DG11', 'DG12'];

/** Where a chip read is, from the file being read. */
export function readingStep(progress: ReadProgress | undefined): ReadingStep {
  if (!progress) return 'access';
  if (HOLDER_FILES.includes(progress.file)) return 'holder';
  return progress.file === 'DG2' ? 'photo' : 'verifying';
}

/** How far through a band of files: each file its equal share, in read order; unknown files count as the last. */
function through(files: readonly string[], progress: ReadProgress, within: number): number {
  const index = files.indexOf(progress.file);
  const at = index < 0 ? files.length - 1 : index;
  return (at + within) / files.length;
}

/**
 * The progress bar: unlocking to 10 %, name files to 25 %, the photo (most of the bytes) to 90 %, then
 * the checks to 98 %. A person must never see the bar go back: callers keep the highest value reached in
 * one read (see `afterReadEvent`), since files arrive in an order the chip may change.
 */
export function readingFraction(progress: ReadProgress | undefined): number {
  const step = readingStep(progress);
  const within = progress && progress.totalBytes > 0 ? Math.min(1, progress.bytesRead / progress.totalBytes) : 0;
  switch (step) {
    case 'access':
      return 0.05;
    case 'holder':
      return 0.1 + 0.15 * through(HOLDER_FILES, progress!, within);
    case 'photo':
      return 0.25 + 0.65 * within;
    case 'verifying':
      return 0.9 + 0.08 * through(CHECK_FILES, progress!, within);
  }
}

/** The snapshot file name as the contract accepts it (`EF.SOD` style names are fine, nothing else). */
export function progressView(progress: ReadProgress | undefined): ReadProgress | undefined {
  if (!progress || !/^[A-Za-z0-9.]{1,16}$/.test(progress.file)) return undefined;
  return { file: progress.file, bytesRead: progress.bytesRead, totalBytes: progress.totalBytes };
}

/** `reading.chip` from XState's state value. */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [key, child] = Object.entries(value)[0] ?? [];
    if (key !== undefined) return child === undefined || (typeof child === 'object' && child !== null && Object.keys(child).length === 0) ? key : `${key}.${statePath(child)}`;
  }
  return 'unknown';
}

/** What a flow's view function gives the composition root: the parts of a StateSnapshot a flow knows. */
export interface FlowViewModel {
  readonly flow: FlowKind;
  /** The machine's state path, e.g. `reading.chip` (for logs and tests). */
  readonly state: string;
  readonly language: Language;
  /** The intents the screen offers now. */
  readonly actions: readonly FlowIntentType[];
  /** How long the current step waits before it gives up (its timeout or the idle reset); null if never. */
  readonly timeoutMs: number | null;
  readonly view: ScreenView;
}
