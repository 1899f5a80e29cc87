// Shared set-up of the whole-read integration tests: a simulated chip in a SimCardReader, a read that
// records its events and its APDU trace, the synthetic test trust store, and the personal strings a
// trace or an error message must never contain.

import type { ApduTraceEntry } from '../../native/card/apdu/apdu-transport.ts';
import { encodeCccdQr } from '../../native/card/cccd/cccd-qr.ts';
import { parseDg13 } from '../../native/card/lds/dg13.ts';
import { TrustStore } from '../../native/card/pa/trust-store.ts';
import { readDocument, type DocumentReadEvent, type DocumentReadOptions, type DocumentReadResult } from '../../native/card/reader/document-reader.ts';
import type { VirtualCard } from '../../native/sim/chip/virtual-card.ts';
import { loadTestPki } from '../../native/sim/pki/test-pki.ts';
import { chipProfiles, createChip, type ProfileName } from '../../native/sim/profiles/index.ts';
import { SimCardReader, type SimCardReaderOptions } from '../../native/sim/sim-card-reader.ts';

export type RecordedReadOptions = Omit<DocumentReadOptions, 'trace'>;

/** One card in one simulated reader; each `read` records what it saw in `events` and `trace`. */
export class RecordedRead {
  readonly reader: SimCardReader;
  readonly events: DocumentReadEvent[] = [];
  readonly trace: ApduTraceEntry[] = [];

  constructor(
    readonly card: VirtualCard,
    readerOptions: SimCardReaderOptions = {},
  ) {
    this.reader = new SimCardReader('Simulated Reader 00', readerOptions);
    this.reader.insertCard(card);
  }

  read(options: RecordedReadOptions): Promise<DocumentReadResult> {
    return readDocument(this.reader, {
      ...options,
      trace: (entry) => this.trace.push(entry),
      onEvent: (event) => {
        this.events.push(event);
        options.onEvent?.(event);
      },
    });
  }

  /** The rejection of a read that must fail; throws when the read succeeds. */
  async failure(options: RecordedReadOptions): Promise<Error & { code?: string; step?: string }> {
    const outcome = await this.read(options).then(
      () => undefined,
      (err: unknown) => err,
    );
    if (!(outcome instanceof Error)) throw new Error(`the read was expected to fail, got ${String(outcome)}`);
    return outcome;
  }

  steps(name: string): ApduTraceEntry[] {
    return this.trace.filter((entry) => entry.step === name);
  }
}

/** Records the raw command APDUs a card receives (to see what really crossed the reader). */
export class CommandLog implements VirtualCard {
  readonly commands: Uint8Array[] = [];

  constructor(private readonly card: VirtualCard) {}

  get atr(): Uint8Array {
    return this.card.atr;
  }

  powerOn(): Uint8Array {
    return this.card.powerOn();
  }

  powerOff(): void {
    this.card.powerOff();
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    this.commands.push(Uint8Array.from(command));
    return this.card.transmit(command);
  }

  /** ISO 7816-3 §12.1: an extended command has a zero byte where a short one has Lc or Le. */
  get extendedCommands(): number {
    return this.commands.filter((c) => c.length >= 7 && c[4] === 0).length;
  }
}

/** Both synthetic CSCAs; with their CRLs (which revoke `ds-revoked`) unless `crls` is false. */
export function testTrustStore(crls = true): TrustStore {
  const pki = loadTestPki();
  return TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], crls ? [pki.crl, pki.crlRsa] : []);
}

function isoDate(ddmmyyyy: string | undefined): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(ddmmyyyy ?? '');
  if (!m) throw new Error('the profile DG13 has no dd/MM/yyyy date');
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/** The front QR of the simulated CCCD, built from the person on its chip (DG13). */
export function cccdQrText(): string {
  const person = parseDg13(createChip('cccd').fileSystem.dataGroup(13)!.content);
  return encodeCccdQr({
    idNumber: person.idNumber!,
    oldIdNumber: person.oldIdNumber,
    fullName: person.fullName!,
    dateOfBirth: isoDate(person.dateOfBirth),
    sexText: person.sex!,
    address: person.placeOfResidence!,
    dateOfIssue: isoDate(person.dateOfIssue),
  });
}

/** Strings that identify the holder of a profile, as text and as the hex a data-carrying trace would show. */
export function personalStrings(name: ProfileName): string[] {
  const { mrz } = chipProfiles[name];
  const texts = [mrz.documentNumber, mrz.primaryIdentifier, mrz.secondaryIdentifier, ...mrz.secondaryIdentifier.split(' '), mrz.optionalData1].filter((t) => t.length >= 4);
  const hex = (t: string, sep: string) => [...Buffer.from(t, 'utf8')].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(sep);
  return [...texts, ...texts.map((t) => hex(t, '')), ...texts.map((t) => hex(t, ' '))];
}
