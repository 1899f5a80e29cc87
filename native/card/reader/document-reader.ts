// Reads a whole eMRTD / CCCD: access control, the LDS files in the order a person needs them (DG1 and
// DG13 first so a name can be shown within a second, then DG2 with progress), chip and active
// authentication, passive authentication, and an assurance level. A card lost mid-read is waited for and
// resumed from its last offset after re-authentication (DESIGN.md, "Reading").

import { setTimeout as sleep } from 'node:timers/promises';
import type { CardReader, CardSession } from '../../hal/card-reader.ts';
import { CardRemovedError, KioskError } from '../../hal/errors.ts';
import type { AccessKey } from '../access-key.ts';
import { ApduTransport, type ApduTraceEntry } from '../apdu/apdu-transport.ts';
import { parseAtr } from '../apdu/atr.ts';
import { CommandApdu } from '../apdu/command-apdu.ts';
import { CardError } from '../errors.ts';
import { AID_MRTD, dataGroup, EF_COM, EF_SOD, type LdsFile, type LdsFileName } from '../lds/lds-files.ts';
import { establishAccess, type AccessControlResult } from './access-control.ts';
import { BinaryReader, PartialFile, SessionLostError, type ReadProgress } from './binary-reader.ts';
import { decodeDocument, type DecodedDocument } from './decode-document.ts';
import { ReadCapabilityCache } from './read-capabilities.ts';
import { authenticateChip, verifyDocument, type ChipVerdict, type VerificationOutcome, type VerifyOptions } from './verify-document.ts';

export type DocumentReadEvent =
  | { readonly type: 'access'; readonly method: 'PACE' | 'BAC'; readonly attempts: number }
  | { readonly type: 'holder'; readonly document: DecodedDocument }
  | { readonly type: 'progress'; readonly progress: ReadProgress }
  | { readonly type: 'card-lost'; readonly file: LdsFileName; readonly bytesRead: number }
  | { readonly type: 'card-back' };

export interface DocumentReadOptions extends Omit<VerifyOptions, 'transport'> {
  /** Candidate keys in the order to try (CAN first when known, then MRZ candidates). */
  readonly keys: readonly AccessKey[];
  /** How long to wait for a removed card to come back before giving up (0 = do not wait). */
  readonly resumeWithinMs?: number;
  readonly capabilities?: ReadCapabilityCache;
  /** Data groups to skip (DG2 on a text-only check). EAC-protected DG3/DG4 are never read. */
  readonly skip?: readonly number[];
  readonly onEvent?: (event: DocumentReadEvent) => void;
  readonly trace?: (entry: ApduTraceEntry) => void;
  readonly random?: (n: number) => Uint8Array;
  /** Baseline strategy for benchmarks: SELECT, then READ BINARY in chunks of this size (e.g. 0xDF). */
  readonly fixedChunkSize?: number;
}

export interface DocumentReadResult {
  readonly atr: string;
  readonly access: Pick<AccessControlResult, 'method' | 'mapping' | 'cipher' | 'attempts'> & { readonly keyKind: AccessKey['kind'] };
  readonly document: DecodedDocument;
  /** Raw file bytes as read, by name (for PA evidence and the central service). */
  readonly files: ReadonlyMap<LdsFileName, Uint8Array>;
  readonly verification: VerificationOutcome;
  readonly timings: { readonly accessMs: number; readonly holderMs: number; readonly totalMs: number };
  readonly apdu: { readonly count: number; readonly bytesSent: number; readonly bytesReceived: number; readonly resumes: number };
}

const NEVER_READ = new Set([3, 4]); // EAC terminal authentication required (ICAO 9303-11 §7).
const MAX_SESSION_RECOVERIES = 6;
/** Pause before asking a reader again for a card it listed but could not reach (its presence lags). */
const LOST_CARD_RETRY_MS = 100;

/** Reads one document from `reader`. Errors: CardError (typed), CardRemovedError when it does not come back. */
export async function readDocument(reader: CardReader, options: DocumentReadOptions): Promise<DocumentReadResult> {
  return new DocumentReadRun(reader, options).run();
}

class DocumentReadRun {
  private session: CardSession | undefined;
  private transport!: ApduTransport;
  private accessResult: AccessControlResult | undefined;

  /** The access control in force; only read after `open` succeeded. */
  private get access(): AccessControlResult {
    if (!this.accessResult) throw new Error('document read used before the chip was opened');
    return this.accessResult;
  }
  private readonly files = new Map<LdsFileName, Uint8Array>();
  private readonly stats = { count: 0, bytesSent: 0, bytesReceived: 0, resumes: 0 };
  private readonly capabilities: ReadCapabilityCache;
  private atrKey = '';
  private extendedAllowed = true;
  private readonly started = performance.now();

  constructor(
    private readonly reader: CardReader,
    private readonly options: DocumentReadOptions,
  ) {
    this.capabilities = options.capabilities ?? new ReadCapabilityCache();
  }

  async run(): Promise<DocumentReadResult> {
    try {
      await this.withRecovery('open', () => this.open(), undefined, true);
      const accessMs = performance.now() - this.started;
      this.options.onEvent?.({ type: 'access', method: this.access.method, attempts: this.access.attempts });

      const com = await this.readFile(EF_COM);
      const listed = new Set(decodeDocument(new Map([['COM', com]])).com?.dataGroups ?? []);
      const wanted = (n: number) => listed.has(n) && !NEVER_READ.has(n) && !(this.options.skip ?? []).includes(n);

      for (const n of [1, 13]) if (wanted(n)) await this.readFile(dataGroup(n));
      const holderMs = performance.now() - this.started;
      this.options.onEvent?.({ type: 'holder', document: decodeDocument(this.files) });
      // DG14 before the large DG2, so chip authentication upgrades the session keys before the face travels.
      let chip: ChipVerdict = Object.freeze({ verdict: 'not-performed' });
      if (wanted(14)) {
        await this.readFile(dataGroup(14));
        chip = await this.chipAuthentication();
      }
      for (const n of [2, 11, 12, 15, 5, 6, 7, 8, 9, 10, 16]) if (wanted(n)) await this.readFile(dataGroup(n));
      await this.readFile(EF_SOD);

      const document = decodeDocument(this.files);
      const verification = await this.withRecovery('verify', () =>
        verifyDocument({ ...this.options, transport: this.transport, document, files: this.files, chip }),
      );
      await this.capabilities.save().catch(() => undefined);
      return Object.freeze({
        atr: this.atrKey,
        access: Object.freeze({ method: this.access.method, mapping: this.access.mapping, cipher: this.access.cipher, attempts: this.access.attempts, keyKind: this.access.key.kind }),
        document,
        files: this.files,
        verification,
        timings: Object.freeze({ accessMs: round(accessMs), holderMs: round(holderMs), totalMs: round(performance.now() - this.started) }),
        apdu: Object.freeze(this.totals()),
      });
    } finally {
      await this.session?.close().catch(() => undefined);
    }
  }

  private totals() {
    const s = this.transport?.stats ?? { apdus: 0, bytesSent: 0, bytesReceived: 0 };
    return { count: this.stats.count + s.apdus, bytesSent: this.stats.bytesSent + s.bytesSent, bytesReceived: this.stats.bytesReceived + s.bytesReceived, resumes: this.stats.resumes };
  }

  /** Connects, opens the chip with the candidate keys, and selects the eMRTD application. */
  private async open(keys: readonly AccessKey[] = this.options.keys): Promise<void> {
    if (this.transport) {
      const s = this.transport.stats;
      this.stats.count += s.apdus;
      this.stats.bytesSent += s.bytesSent;
      this.stats.bytesReceived += s.bytesReceived;
    }
    this.session ??= await this.reader.connect({ exclusive: true });
    const atr = parseAtr(this.session.atr);
    this.atrKey = atr.key;
    this.extendedAllowed = this.session.extendedLengthSupported !== false && atr.extendedLength !== false;
    this.transport = new ApduTransport(this.session, { trace: this.options.trace });
    const capability = this.capabilities.get(this.atrKey);
    this.accessResult = await establishAccess(this.transport, keys, {
      capability,
      extendedAllowed: this.extendedAllowed,
      cardAccess: this.accessResult ? (this.accessResult.cardAccess ?? null) : undefined,
      random: this.options.random,
    });
    const select = new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: AID_MRTD });
    await this.transport.expectOk(select, 'select.application');
    if (this.access.cardAccess) this.files.set('CardAccess', this.access.cardAccess);
  }

  /** A failed CA leaves the chip unable to answer under the new keys: note the verdict, then re-open. */
  private async chipAuthentication(): Promise<ChipVerdict> {
    const chip = await this.withRecovery('ca', () => authenticateChip(this.transport, decodeDocument(this.files), this.access));
    if (chip.verdict === 'failed' && chip.method === 'CA') {
      this.stats.resumes++;
      await this.session?.reset().catch(() => undefined);
      await this.open([this.access.key]);
    }
    return chip;
  }

  private async readFile(file: LdsFile): Promise<Uint8Array> {
    const partial = new PartialFile(file);
    const bytes = await this.withRecovery(file.name, () => {
      const reader = new BinaryReader(this.transport, {
        capability: this.capabilities.get(this.atrKey),
        extendedAllowed: this.extendedAllowed,
        ...(this.options.fixedChunkSize === undefined ? {} : { fixedLe: this.options.fixedChunkSize }),
        onProgress: (progress) => this.options.onEvent?.({ type: 'progress', progress }),
      });
      return reader.read(partial);
    }, partial);
    this.files.set(file.name, bytes);
    return bytes;
  }

  /**
   * Runs `work`; when the card is lost it waits up to `resumeWithinMs` for it to return, re-opens the chip
   * with the key that worked, and runs `work` again (which continues from `partial`). A lost SM session
   * (a bad MAC, or the chip answering without SM after a failed probe) is re-opened at once, after a
   * reset. `opensItself`: `work` is the opening itself, so it is simply run again.
   */
  private async withRecovery<T>(what: string, work: () => Promise<T>, partial?: PartialFile, opensItself = false): Promise<T> {
    let reopen = false;
    let afterLoss = false;
    // Set from a card loss until the chip is open again: the time by which the card must be back.
    let lossDeadline: number | undefined;
    const cardBack = () => {
      if (lossDeadline === undefined) return;
      lossDeadline = undefined;
      this.options.onEvent?.({ type: 'card-back' });
    };
    for (let recoveries = 0; ; recoveries++) {
      try {
        if (reopen && !opensItself) {
          try {
            await this.open(this.accessResult ? [this.accessResult.key] : this.options.keys);
          } catch (reopenErr) {
            if (afterLoss && this.accessResult && reopenErr instanceof KioskError && reopenErr.code === 'ACCESS_DENIED') {
              throw new CardError('ACCESS_DENIED', 'a different card was presented after the card was lost', { step: `resume.${what}`, cause: reopenErr });
            }
            throw reopenErr;
          }
          cardBack();
        }
        const result = await work();
        cardBack();
        return result;
      } catch (err) {
        // A reader may still list a card that left until its next presence poll (pcscd): the re-open then
        // finds no card, or a card that does not answer. That is the same loss, waited out by the same deadline.
        const sameLoss = lossDeadline !== undefined && (err instanceof CardRemovedError || (err instanceof KioskError && err.code === 'NO_CARD'));
        const lost = sameLoss || err instanceof CardRemovedError;
        const sessionLost = err instanceof SessionLostError || (err instanceof CardError && err.code === 'SM_ERROR');
        if (!lost && !sessionLost) throw err;
        if (!sameLoss && recoveries >= MAX_SESSION_RECOVERIES) throw err;
        if (lost) {
          const wait = this.options.resumeWithinMs ?? 0;
          if (!sameLoss) {
            this.options.onEvent?.({ type: 'card-lost', file: partial?.file.name ?? (what as LdsFileName), bytesRead: partial?.bytesRead ?? 0 });
            lossDeadline = performance.now() + wait;
          }
          await this.session?.close().catch(() => undefined);
          this.session = undefined;
          if (wait <= 0) throw err;
          if (sameLoss) {
            recoveries--; // not a new recovery: the deadline bounds these rounds
            await sleep(LOST_CARD_RETRY_MS);
          }
          const remaining = (lossDeadline ?? 0) - performance.now();
          try {
            if (remaining <= 0) throw err;
            await this.reader.waitForCard(remaining);
          } catch (waitErr) {
            throw new CardRemovedError(`card removed while reading ${what} and not presented again within ${wait} ms`, { step: `read.${what}`, cause: waitErr });
          }
          afterLoss = true;
        } else {
          // Start the chip afresh: its SM state after an error is not something to guess at.
          await this.session?.reset().catch(() => undefined);
        }
        if (!sameLoss) this.stats.resumes++;
        if (partial) partial.selected = false;
        reopen = true;
      }
    }
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
