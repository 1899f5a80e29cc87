// The CardPort of the flows over the card stack: readDocument on the reader the registry currently holds
// (a CardReaderDevice, whose reader comes and goes with hot-plug, or a plain CardReader), with the CSCA
// trust store, the resume window for a card lifted mid-read, and the read-capability cache. The result
// is turned into what a flow needs: the identity, the verdicts and the evidence for the central service.

import type { ApduTraceEntry } from '../../../../native/card/apdu/apdu-transport.ts';
import { CardError } from '../../../../native/card/errors.ts';
import type { TrustStore } from '../../../../native/card/pa/trust-store.ts';
import { readDocument, type DocumentReadEvent, type DocumentReadResult } from '../../../../native/card/reader/document-reader.ts';
import type { ReadCapabilityCache } from '../../../../native/card/reader/read-capabilities.ts';
import type { CardReader } from '../../../../native/hal/card-reader.ts';
import { DeviceUnavailableError } from '../../../../native/hal/errors.ts';
import { Emitter, type Disposable, type Event } from '../../../../native/hal/event.ts';
import { identityFromDocument, mrzDisplayName } from '../identity.ts';
import { systemClock, type CardPort, type ChipRead, type ChipReadEvent, type ChipReadRequest, type FlowClock } from '../ports.ts';
import { abortableCardReader } from './abortable-card-reader.ts';

/** Where the current reader comes from: `CardReaderDevice` satisfies it. */
export interface CardReaderSource {
  readonly reader: CardReader | undefined;
  readonly onDidChangeHealth?: Event<unknown>;
}

export interface DocumentReaderCardPortOptions {
  readonly reader: CardReader | CardReaderSource;
  readonly trustStore?: TrustStore;
  /** How long a card lifted mid-read may take to come back (default 10 s). */
  readonly resumeWithinMs?: number;
  readonly capabilities?: ReadCapabilityCache;
  readonly clock?: FlowClock;
  /** The APDU trace of each read (no data, only headers, sizes and timings) for diagnostics. */
  readonly trace?: (entry: ApduTraceEntry) => void;
}

function isCardReader(value: CardReader | CardReaderSource): value is CardReader {
  return typeof (value as CardReader).connect === 'function';
}

export class DocumentReaderCardPort implements CardPort, Disposable {
  private readonly source: CardReaderSource;
  private readonly inserted = new Emitter<void>();
  private readonly removed = new Emitter<void>();
  private bound: { reader: CardReader; subscriptions: Disposable[] } | undefined;
  private readonly sourceSubscription: Disposable | undefined;
  /** Settles when the last read has released the card (an aborted read finishes its APDU and closes first). */
  private lastRead: Promise<unknown> = Promise.resolve();

  readonly onDidInsertCard: Event<void> = this.inserted.event;
  readonly onDidRemoveCard: Event<void> = this.removed.event;

  constructor(private readonly options: DocumentReaderCardPortOptions) {
    this.source = isCardReader(options.reader) ? { reader: options.reader } : options.reader;
    this.bind();
    this.sourceSubscription = this.source.onDidChangeHealth?.(() => this.bind());
  }

  get cardPresent(): boolean {
    return this.source.reader?.cardPresent === true;
  }

  /**
   * Reads one document. Reads never overlap: a person who goes back and presents the card again at once
   * starts a read that waits until the abandoned one has released its exclusive session.
   */
  async read(request: ChipReadRequest): Promise<ChipRead> {
    const previous = this.lastRead;
    const current = previous.catch(() => undefined).then(() => this.readNow(request));
    this.lastRead = current.catch(() => undefined);
    return current;
  }

  private async readNow(request: ChipReadRequest): Promise<ChipRead> {
    const reader = this.source.reader;
    if (!reader) throw new DeviceUnavailableError('READER_NOT_READY', 'no card reader is connected', { userMessage: 'READER_UNAVAILABLE', step: 'flow.read' });
    const clock = this.options.clock ?? systemClock;
    const result = await readDocument(abortableCardReader(reader, request.signal), {
      keys: request.keys,
      ...(request.challenge ? { activeAuthenticationChallenge: request.challenge } : {}),
      ...(this.options.trustStore ? { trustStore: this.options.trustStore } : {}),
      ...(this.options.capabilities ? { capabilities: this.options.capabilities } : {}),
      ...(this.options.trace ? { trace: this.options.trace } : {}),
      resumeWithinMs: this.options.resumeWithinMs ?? 10_000,
      now: clock.now(),
      onEvent: (event) => {
        const mapped = flowEvent(event);
        if (mapped) request.onEvent(mapped);
      },
    });
    return chipReadOf(result, clock.now());
  }

  dispose(): void {
    this.sourceSubscription?.dispose();
    for (const s of this.bound?.subscriptions ?? []) s.dispose();
    this.bound = undefined;
    this.inserted.dispose();
    this.removed.dispose();
  }

  /** Follows the source's current reader (after an unplug and replug it is a new object). */
  private bind(): void {
    const reader = this.source.reader;
    if (reader === this.bound?.reader) return;
    for (const s of this.bound?.subscriptions ?? []) s.dispose();
    this.bound = reader
      ? { reader, subscriptions: [reader.onDidInsertCard(() => this.inserted.fire()), reader.onDidRemoveCard(() => this.removed.fire())] }
      : undefined;
  }
}

function flowEvent(event: DocumentReadEvent): ChipReadEvent | undefined {
  switch (event.type) {
    case 'access':
      return { type: 'access' };
    case 'progress':
      return { type: 'progress', file: event.progress.file, bytesRead: event.progress.bytesRead, totalBytes: event.progress.totalBytes };
    case 'holder': {
      const { mrz, dg13 } = event.document;
      const fullName = dg13?.fullName || (mrz ? mrzDisplayName(mrz) : '');
      return fullName ? { type: 'holder', fullName } : undefined;
    }
    case 'card-lost':
      return { type: 'card-lost' };
    case 'card-back':
      return { type: 'card-back' };
  }
}

/** The flow's view of a finished read. Throws CardError MALFORMED_DATA when DG1 or EF.SOD is missing. */
export function chipReadOf(result: DocumentReadResult, today: Date): ChipRead {
  const { document, files, verification: v } = result;
  const mrz = document.mrz;
  const sod = files.get('SOD');
  const dg1 = files.get('DG1');
  if (!mrz || !sod || !dg1) throw new CardError('MALFORMED_DATA', 'the chip has no readable DG1 or EF.SOD', { step: 'flow.read' });
  const dg14 = files.get('DG14');
  const dg15 = files.get('DG15');
  const signature = v.active.detail?.signature;
  return Object.freeze({
    identity: identityFromDocument({ ...document, mrz }, today),
    mrz,
    verdicts: Object.freeze({ passive: v.passive.verdict, active: v.active.verdict, chip: v.chip.verdict }),
    assurance: v.assurance,
    trusted: v.trusted,
    evidence: Object.freeze({
      sod,
      dg1,
      ...(dg14 ? { dg14 } : {}),
      ...(dg15 ? { dg15 } : {}),
      ...(signature ? { activeAuthenticationSignature: signature } : {}),
    }),
  });
}
