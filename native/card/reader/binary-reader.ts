// Reads LDS elementary files with READ BINARY, adapting the chunk size to what the card and reader
// accept (ICAO 9303-10 §3.6, ISO 7816-4 §11.2): extended length when it works, else the largest short Le
// that fits a secure-messaging response, falling back on 6700 / 6282 / transport errors and remembering
// the outcome per ATR. Offsets beyond 32767 use the odd INS B1 with an offset data object.
// The bytes read so far live in a PartialFile, so a read interrupted by a lost card resumes where it was.

import { KioskError, CardRemovedError } from '../../hal/errors.ts';
import { concat, uintBE } from '../../util/bytes.ts';
import type { ApduTransport } from '../apdu/apdu-transport.ts';
import { CommandApdu } from '../apdu/command-apdu.ts';
import { ResponseApdu } from '../apdu/response-apdu.ts';
import { SW } from '../apdu/status-word.ts';
import { CardError, MalformedDataError } from '../errors.ts';
import type { LdsFile, LdsFileName } from '../lds/lds-files.ts';
import { readTlv } from '../lds/tlv.ts';
import { EXTENDED_LE_LADDER, type ReadCapability } from './read-capabilities.ts';

export interface ReadProgress {
  readonly file: LdsFileName;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

/** A file being read: what has arrived so far. Owned by the caller so it survives a reconnect. */
export class PartialFile {
  private readonly parts: Uint8Array[] = [];
  bytesRead = 0;
  totalBytes: number | undefined;
  /** True once the file is the chip's current EF in this session. Reset by the reader after re-authentication. */
  selected = false;

  constructor(readonly file: LdsFile) {}

  append(data: Uint8Array): void {
    this.parts.push(data);
    this.bytesRead += data.length;
  }

  get complete(): boolean {
    return this.totalBytes !== undefined && this.bytesRead >= this.totalBytes;
  }

  bytes(): Uint8Array {
    const all = concat(...this.parts);
    return this.totalBytes === undefined ? all : all.subarray(0, this.totalBytes);
  }
}

/** The session needs re-authentication before reading can go on (SM state may be out of step). */
export class SessionLostError extends KioskError {
  constructor(step: string, cause?: unknown) {
    super('SESSION_LOST', `${step}: secure-messaging session lost`, { step, cause, userMessage: 'SECURE_MESSAGING_FAILED' });
  }
}

/** Largest plaintext Le whose SM-protected response fits 256 bytes (DO87 + DO99 + DO8E), by cipher block size. */
export function shortLeLimit(smBlockSize: number): number {
  if (smBlockSize === 0) return 256;
  // 1 (padding indicator) + padded data + 3 (DO87 tag/len) + 4 (DO99) + 10 (DO8E) <= 256
  const maxPadded = Math.floor((256 - 1 - 3 - 4 - 10) / smBlockSize) * smBlockSize;
  return maxPadded - 1;
}

/** The conservative short Le most readers use (JMRTD's default block size). */
export const SAFE_SHORT_LE = 0xdf;
const MAX_B0_OFFSET = 0x7fff;
/** Files larger than this are refused: no LDS file comes near it, and it bounds what a hostile chip can make us hold. */
export const MAX_FILE_SIZE = 512 * 1024;

export interface BinaryReaderOptions {
  readonly capability: ReadCapability;
  /** Whether the reader/ATR allows extended APDUs (false = never try). */
  readonly extendedAllowed: boolean;
  readonly onProgress?: (progress: ReadProgress) => void;
  /**
   * Read in fixed chunks of this size after a SELECT, with no short-EF-identifier or extended-length
   * attempts: the classic strategy (JMRTD reads 0xDF at a time), kept as the benchmark's baseline.
   */
  readonly fixedLe?: number;
}

export class BinaryReader {
  private shortLe: number;

  constructor(
    private readonly transport: ApduTransport,
    private readonly options: BinaryReaderOptions,
  ) {
    this.shortLe = options.fixedLe ?? shortLeLimit(this.smBlockSize());
  }

  private smBlockSize(): number {
    const kind = this.transport.wrapper?.kind;
    if (kind === undefined) return 0;
    return kind.startsWith('AES') ? 16 : 8;
  }

  /**
   * Reads `partial.file` to its end, continuing from `partial.bytesRead`. Errors: CardError FILE_NOT_FOUND when
   * the chip lacks the file, ACCESS_DENIED when it is protected, MalformedDataError when the length is
   * inconsistent, CardRemovedError (partial kept), SessionLostError when re-authentication is needed.
   */
  async read(partial: PartialFile): Promise<Uint8Array> {
    this.shortLe = this.options.fixedLe ?? Math.min(this.shortLe, shortLeLimit(this.smBlockSize()));
    if (partial.bytesRead === 0) await this.readHead(partial);
    while (!partial.complete) {
      if (!partial.selected) await this.select(partial);
      const remaining = partial.totalBytes! - partial.bytesRead;
      await this.readChunk(partial, remaining);
    }
    return partial.bytes();
  }

  private report(partial: PartialFile): void {
    this.options.onProgress?.({ file: partial.file.name, bytesRead: Math.min(partial.bytesRead, partial.totalBytes ?? partial.bytesRead), totalBytes: partial.totalBytes ?? 0 });
  }

  /** First chunk: by short EF identifier when the card allows it (saves the SELECT), then the TLV header gives the size. */
  private async readHead(partial: PartialFile): Promise<void> {
    const cap = this.options.capability;
    // Once extended length is known to work on this card type, the first READ BINARY asks for the whole
    // file (the chip answers what there is, with 6282): one APDU per file instead of a probe and a rest.
    const wholeFile = this.options.fixedLe === undefined && this.options.extendedAllowed && cap.extendedLength === true && cap.extendedHead !== false;
    const le = wholeFile ? cap.maxExtendedLe : this.shortLe;
    let head: ResponseApdu | undefined;
    let sfiRefused = false;
    if (cap.shortFileId !== false && this.options.fixedLe === undefined) {
      const r = await this.transport.send(new CommandApdu({ cla: 0x00, ins: 0xb0, p1: 0x80 | partial.file.sfi, p2: 0, ne: le }), `read.${partial.file.name}.sfi`);
      if (isData(r)) {
        cap.shortFileId = true;
        if (wholeFile) cap.extendedHead = true;
        head = r;
        partial.selected = true;
      } else if (wholeFile && isLengthProblem(r.sw)) {
        cap.extendedHead = false;
        if (this.transport.wrapper) throw new SessionLostError(`read.${partial.file.name}.sfi`);
        return this.readHead(partial);
      } else if (r.sw === SW.SECURITY_STATUS_NOT_SATISFIED) {
        throw CardError.fromStatus(r.sw, `read.${partial.file.name}`);
      } else if (this.transport.wrapper && r.data.length === 0 && r.sw !== SW.FILE_NOT_FOUND) {
        // A bare status word under SM: the chip may have ended the session.
        cap.shortFileId = false;
        throw new SessionLostError(`read.${partial.file.name}.sfi`);
      } else {
        sfiRefused = true;
      }
    }
    if (!head) {
      await this.select(partial);
      head = await this.transport.send(readBinary(0, le), `read.${partial.file.name}`);
      if (wholeFile && !isData(head) && isLengthProblem(head.sw)) {
        cap.extendedHead = false;
        if (this.transport.wrapper) throw new SessionLostError(`read.${partial.file.name}`);
        partial.selected = false;
        return this.readHead(partial);
      }
      if (!isData(head)) throw CardError.fromStatus(head.sw, `read.${partial.file.name}`);
      // Only now is it clear the SFI refusal was about the addressing, not a missing file.
      if (sfiRefused) cap.shortFileId = false;
    }
    const total = this.totalLength(partial, head.data);
    partial.totalBytes = total;
    partial.append(head.data.subarray(0, total));
    this.report(partial);
  }

  private totalLength(partial: PartialFile, head: Uint8Array): number {
    const step = `read.${partial.file.name}`;
    let tlvLength: number;
    try {
      tlvLength = readTlvHeader(head);
    } catch (err) {
      throw new MalformedDataError(`${partial.file.name} does not start with a TLV header`, { step, cause: err });
    }
    if (partial.file.tag !== undefined && head[0] !== partial.file.tag) {
      throw new MalformedDataError(`${partial.file.name} starts with tag ${head[0]?.toString(16)}`, { step, offset: 0 });
    }
    if (tlvLength > MAX_FILE_SIZE) throw new MalformedDataError(`${partial.file.name} claims ${tlvLength} bytes`, { step });
    return tlvLength;
  }

  private async select(partial: PartialFile): Promise<void> {
    const fid = uintBE(partial.file.fid, 2);
    const step = `select.${partial.file.name}`;
    if (partial.file.inMasterFile) {
      // Some chips answer SELECT MF with 6D00 or 6A82 yet serve EF.CardAccess (DESIGN.md): go on regardless.
      await this.transport.send(new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x00, p2: 0x0c, data: Uint8Array.of(0x3f, 0x00) }), 'select.MF');
    }
    const r = await this.transport.send(new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fid }), step);
    if (r.sw !== SW.NO_ERROR) throw CardError.fromStatus(r.sw, step);
    partial.selected = true;
  }

  private async readChunk(partial: PartialFile, remaining: number): Promise<void> {
    const cap = this.options.capability;
    const offset = partial.bytesRead;
    const step = `read.${partial.file.name}`;
    const tryExtended = this.options.fixedLe === undefined && this.options.extendedAllowed && cap.extendedLength !== false && remaining > this.shortLe;
    // Beyond offset 32767 the answer carries a DO53 header inside the same Le budget.
    const limit = tryExtended ? cap.maxExtendedLe : this.shortLe;
    const budget = offset > MAX_B0_OFFSET ? limit - do53HeaderLength(limit) : limit;
    const le = Math.min(remaining, budget);
    let response: ResponseApdu;
    try {
      response = await this.send(offset, le, step, tryExtended);
    } catch (err) {
      if (err instanceof CardRemovedError || !tryExtended) throw err;
      // The reader could not carry the extended APDU (buffer, driver): step down and re-establish.
      this.stepDown(le);
      throw new SessionLostError(step, err);
    }
    if (isData(response)) {
      if (tryExtended) cap.extendedLength = true;
      const data = response.data.subarray(0, remaining);
      if (response.sw === SW.WARNING_END_OF_FILE && offset + data.length < partial.totalBytes!) {
        throw new MalformedDataError(`${partial.file.name} ended at ${offset + data.length} of ${partial.totalBytes} bytes`, { step, sw: response.sw });
      }
      partial.append(data);
      this.report(partial);
      return;
    }
    if (isLengthProblem(response.sw)) {
      if (tryExtended) this.stepDown(le);
      else if (this.shortLe > SAFE_SHORT_LE) this.shortLe = SAFE_SHORT_LE;
      else throw CardError.fromStatus(response.sw, step);
      if (this.transport.wrapper) throw new SessionLostError(step);
      return;
    }
    if (response.sw === SW.SM_DATA_MISSING || response.sw === SW.SM_DATA_INCORRECT) throw new SessionLostError(step);
    throw CardError.fromStatus(response.sw, step);
  }

  /**
   * After an extended read failed. Until extended length has worked once on this card type, one failure
   * drops straight to the smallest extended size and a second to short APDUs, so a short-only reader costs
   * two probes, not the whole ladder. Once it has worked, sizes step down one rung at a time.
   */
  private stepDown(failedLe: number): void {
    const cap = this.options.capability;
    const smallest = EXTENDED_LE_LADDER[EXTENDED_LE_LADDER.length - 1]!;
    if (failedLe <= smallest) {
      cap.extendedLength = false;
    } else if (cap.extendedLength !== true) {
      cap.maxExtendedLe = smallest;
    } else {
      cap.maxExtendedLe = EXTENDED_LE_LADDER.find((size) => size < failedLe) ?? smallest;
    }
  }

  private async send(offset: number, le: number, step: string, extended: boolean): Promise<ResponseApdu> {
    if (offset <= MAX_B0_OFFSET) {
      return this.transport.send(readBinary(offset, le, extended), step);
    }
    // ISO 7816-4 §11.2.3: READ BINARY with odd INS; the offset travels in DO54, the data comes back in DO53.
    const ne = le + do53HeaderLength(le);
    const command = new CommandApdu({ cla: 0x00, ins: 0xb1, p1: 0, p2: 0, data: Uint8Array.of(0x54, 0x03, offset >> 16, (offset >> 8) & 0xff, offset & 0xff), ne, extended: extended || ne > 256 });
    const r = await this.transport.send(command, step);
    if (!isData(r)) return r;
    const tlv = readTlv(r.data, 0, step);
    if (tlv.tag !== 0x53) throw new MalformedDataError('READ BINARY (B1) answer is not a DO53', { step });
    return new ResponseApdu(tlv.value, r.sw);
  }
}

function do53HeaderLength(length: number): number {
  return length > 0xff ? 4 : length > 0x7f ? 3 : 2;
}

function readBinary(offset: number, le: number, extended = false): CommandApdu {
  return new CommandApdu({ cla: 0x00, ins: 0xb0, p1: (offset >> 8) & 0x7f, p2: offset & 0xff, ne: le, extended: extended || le > 256 });
}

function isData(r: ResponseApdu): boolean {
  return (r.sw === SW.NO_ERROR || r.sw === SW.WARNING_END_OF_FILE) && r.data.length > 0;
}

function isLengthProblem(sw: number): boolean {
  return sw === SW.WRONG_LENGTH || (sw & 0xff00) === 0x6c00 || sw === SW.WARNING_END_OF_FILE || sw === SW.UNKNOWN || sw === SW.WRONG_P1P2;
}

/** Total encoded length (header + value) from the first bytes of a BER-TLV file. */
function readTlvHeader(head: Uint8Array): number {
  let p = 1;
  if ((head[0]! & 0x1f) === 0x1f) {
    while (p < head.length && (head[p]! & 0x80) !== 0) p++;
    p++;
  }
  if (p >= head.length) throw new RangeError('header truncated');
  const first = head[p++]!;
  if (first < 0x80) return p + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || p + n > head.length) throw new RangeError('bad length');
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + head[p++]!;
  return p + length;
}
