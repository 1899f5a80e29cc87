// One measured document read on the in-process simulator: APDUs and bytes as the terminal sent them, the
// chip's modelled link time, host CPU split into the chip's share and the terminal's, and per phase.
//
// Host CPU is process.cpuUsage() (user + system, all threads of the process) around readDocument. The
// chip runs in the same process, so its share is taken out: ChipSimulator.transmit does all its work
// (SM unwrap, PACE/AA maths, file access) synchronously before its first await, so the process CPU spent
// inside that call is the chip's share. Terminal-side CPU = total - chip. Both are CPU time, not wall
// time, so a busy machine inflates neither (only GC and compiler threads add a little noise).

import type { ApduTraceEntry } from '../../native/card/apdu/apdu-transport.ts';
import type { AccessKey } from '../../native/card/access-key.ts';
import type { TrustStore } from '../../native/card/pa/trust-store.ts';
import { readDocument, type DocumentReadEvent } from '../../native/card/reader/document-reader.ts';
import type { ChipSimulator } from '../../native/sim/chip/chip-simulator.ts';
import type { VirtualCard } from '../../native/sim/chip/virtual-card.ts';
import type { SimCardReader } from '../../native/sim/sim-card-reader.ts';
import { cpuNowMs, EcMultiplyMeter, type EcCost } from './ec-multiply-meter.ts';

/** Where a read spends its time, in the order the reader goes through them. */
export const PHASES = ['access', 'files', 'auth', 'finish'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_MEANING: Readonly<Record<Phase, string>> = Object.freeze({
  access: 'connect, EF.CardAccess, PACE or BAC, SELECT eMRTD application (until the access event)',
  files: 'SELECT / READ BINARY of COM, DGs and SOD under SM (incl. the PACE-CAM check against DG14, which has no APDU)',
  auth: 'CA / AA command APDUs (the chip signs the AA challenge here)',
  finish: 'after the last APDU: AA signature check, passive authentication, decoding',
});

export interface PhaseCost {
  apdus: number;
  /** Command + response bytes on the wire (SM-protected, with headers and status words). */
  bytes: number;
  cpuMs: number;
  chipMs: number;
}

export interface ReadSample {
  readonly apdus: number;
  readonly bytes: number;
  /** APDUs that reached the chip (a short-only reader answers extended ones itself). */
  readonly chipApdus: number;
  /** Link time under the chip's latency model (per-APDU cost + bytes at the bit rate), not slept. */
  readonly linkMs: number;
  readonly cpuMs: number;
  readonly chipMs: number;
  readonly terminalMs: number;
  /** Wall-clock time of the in-process read (no sleeping: CPU of both sides plus scheduling). */
  readonly elapsedMs: number;
  readonly phases: Readonly<Record<Phase, Readonly<PhaseCost>>>;
  /** EC scalar multiplications (EcGroup.multiply: OpenSSL for standard curves, @noble/curves otherwise), terminal side and chip side. */
  readonly ec: { readonly terminal: Readonly<EcCost>; readonly chip: Readonly<EcCost> };
  /** Content length of each LDS file read after access control (COM, DGs, SOD). */
  readonly fileSizes: ReadonlyMap<string, number>;
  readonly secureMessaging: 'AES' | '3DES';
  readonly assurance: string;
}

export interface ReadSetup {
  readonly reader: SimCardReader;
  readonly chip: ChipSimulator;
  readonly keys: readonly AccessKey[];
  readonly trustStore: TrustStore;
  /** Baseline strategy (SELECT + READ BINARY of this many bytes); undefined = adaptive. */
  readonly fixedChunkSize?: number;
}

/** A VirtualCard in front of the chip that adds up the time spent inside its (synchronous) work. */
class TimedCard implements VirtualCard {
  chipMs = 0;

  constructor(
    private readonly chip: ChipSimulator,
    private readonly meter: EcMultiplyMeter,
  ) {}

  get atr(): Uint8Array {
    return this.chip.atr;
  }

  powerOn(): Uint8Array {
    return this.chip.powerOn();
  }

  powerOff(): void {
    this.chip.powerOff();
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    const started = cpuNowMs();
    this.meter.inChip = true;
    try {
      return this.chip.transmit(command);
    } finally {
      this.meter.inChip = false;
      this.chipMs += cpuNowMs() - started;
    }
  }
}

function emptyPhases(): Record<Phase, PhaseCost> {
  return Object.fromEntries(PHASES.map((p) => [p, { apdus: 0, bytes: 0, cpuMs: 0, chipMs: 0 }])) as Record<Phase, PhaseCost>;
}

/**
 * Inserts the chip afresh (a new chip session, outside the measurement), reads the document once and
 * measures it. Throws when the read is not fully trusted: a bench of a failing read measures nothing.
 */
export async function measureRead(setup: ReadSetup): Promise<ReadSample> {
  const meter = new EcMultiplyMeter();
  const card = new TimedCard(setup.chip, meter);
  setup.reader.insertCard(card);
  setup.chip.faults.resetModelledTime();
  setup.chip.resetStats();

  const phases = emptyPhases();
  let phase: Phase = 'access';
  let mark = { cpu: cpuNowMs(), chip: 0 };
  // The CPU since the previous mark goes to the phase that ends at this one.
  const close = (into: Phase) => {
    const now = { cpu: cpuNowMs(), chip: card.chipMs };
    phases[into].cpuMs += now.cpu - mark.cpu;
    phases[into].chipMs += now.chip - mark.chip;
    mark = now;
  };
  const trace = (entry: ApduTraceEntry) => {
    const into: Phase = phase === 'access' ? 'access' : /^(read|select)\./.test(entry.step) ? 'files' : 'auth';
    phases[into].apdus++;
    phases[into].bytes += entry.commandBytes + entry.responseBytes;
    if (phase !== 'access') close(into);
  };
  const onEvent = (event: DocumentReadEvent) => {
    if (event.type !== 'access') return;
    close('access');
    phase = 'files';
  };

  meter.install();
  let result: Awaited<ReturnType<typeof readDocument>>;
  let elapsedMs: number;
  const cpuStart = cpuNowMs();
  mark = { cpu: cpuStart, chip: 0 };
  try {
    const started = performance.now();
    result = await readDocument(setup.reader, {
      keys: setup.keys,
      trustStore: setup.trustStore,
      trace,
      onEvent,
      ...(setup.fixedChunkSize === undefined ? {} : { fixedChunkSize: setup.fixedChunkSize }),
    });
    elapsedMs = performance.now() - started;
    close('finish');
  } finally {
    meter.uninstall();
  }
  const cpuMs = mark.cpu - cpuStart;

  if (!result.verification.trusted || result.verification.passive.verdict !== 'passed') {
    throw new Error(`bench read is not trusted (passive ${result.verification.passive.verdict}, active ${result.verification.active.verdict}, chip ${result.verification.chip.verdict})`);
  }
  const fileSizes = new Map<string, number>();
  for (const [name, bytes] of result.files) if (name !== 'CardAccess') fileSizes.set(name, bytes.length);
  return Object.freeze({
    apdus: result.apdu.count,
    bytes: result.apdu.bytesSent + result.apdu.bytesReceived,
    chipApdus: setup.chip.stats.apdus,
    linkMs: setup.chip.faults.modelledMs,
    cpuMs,
    chipMs: card.chipMs,
    terminalMs: cpuMs - card.chipMs,
    elapsedMs,
    phases,
    ec: { terminal: meter.terminal, chip: meter.chip },
    fileSizes,
    secureMessaging: result.access.cipher.startsWith('AES') ? 'AES' : '3DES',
    assurance: result.verification.assurance,
  });
}
