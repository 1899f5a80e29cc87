// Fault injection for the chip simulator: the ways a real card, reader or forger misbehaves, settable
// at construction and switchable at runtime by tests, benches and the demo's control surface.

import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Time an exchange costs: a fixed part per APDU (reader turnaround, chip processing) plus the bytes
 * on the air at `bitsPerSecond` (ISO 14443 runs at 106..848 kbit/s). `real` waits for that time;
 * `modelled` only adds it to `ChipFaults.modelledMs`, so benches can compare strategies quickly.
 */
export interface LatencyModel {
  readonly perApduMs: number;
  /** Bit rate for command and response bytes; 0 means the bytes cost nothing. */
  readonly bitsPerSecond: number;
  /** Default `real`. */
  readonly mode?: 'real' | 'modelled';
}

/** Where and how to damage a data group after the SOD was signed (passive authentication must fail). */
export interface TamperSpec {
  readonly dataGroup: number;
  /** Byte to flip; default the last byte, which keeps the TLV structure parseable. */
  readonly offset?: number;
}

export interface ChipFaultOptions {
  readonly latency?: LatencyModel;
  /** The n-th APDU from now (1 = the next one) finds the card gone, until the next powerOn. */
  readonly cardLostAtApdu?: number;
  /** Flip a byte of a data group once the files are built and signed. */
  readonly tamper?: TamperSpec;
  /** The next secure-messaging response carries a wrong MAC. */
  readonly wrongMac?: boolean;
  /** Refuse extended-length APDUs with 6700, as chips and readers limited to short APDUs do. */
  readonly shortApduOnly?: boolean;
}

/** Runtime fault state of one simulated chip. All setters take effect on the next APDU. */
export class ChipFaults {
  /** Sum of the modelled exchange times, in both latency modes. Reset by `resetModelledTime`. */
  modelledMs = 0;
  shortApduOnly: boolean;
  private latency: LatencyModel | null;
  private lostCountdown: number | null = null;
  private macCorruptionPending: boolean;

  constructor(options: ChipFaultOptions = {}) {
    this.latency = options.latency ?? null;
    this.shortApduOnly = options.shortApduOnly === true;
    this.macCorruptionPending = options.wrongMac === true;
    if (options.cardLostAtApdu !== undefined) this.loseCardAtApdu(options.cardLostAtApdu);
  }

  /** Sets (or clears with null) the latency model. Throws RangeError on negative or non-finite values. */
  setLatency(model: LatencyModel | null): void {
    if (model) {
      if (!(model.perApduMs >= 0) || !Number.isFinite(model.perApduMs)) throw new RangeError('perApduMs must be >= 0');
      if (!(model.bitsPerSecond >= 0) || !Number.isFinite(model.bitsPerSecond)) throw new RangeError('bitsPerSecond must be >= 0');
    }
    this.latency = model;
  }

  /** Arms a card loss: the `n`-th APDU from now (n >= 1) rejects with CardRemovedError. */
  loseCardAtApdu(n: number): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('cardLostAtApdu must be an integer >= 1');
    this.lostCountdown = n;
  }

  /** Makes the next secure-messaging response carry a MAC the reader cannot verify. */
  corruptNextMac(): void {
    this.macCorruptionPending = true;
  }

  resetModelledTime(): void {
    this.modelledMs = 0;
  }

  /** Counts one APDU against an armed card loss; true when this APDU is the one that finds no card. */
  takeCardLoss(): boolean {
    if (this.lostCountdown === null) return false;
    if (--this.lostCountdown > 0) return false;
    this.lostCountdown = null;
    return true;
  }

  /** True once per `corruptNextMac`, for the response that must be damaged. */
  takeMacCorruption(): boolean {
    const pending = this.macCorruptionPending;
    this.macCorruptionPending = false;
    return pending;
  }

  /** Cost of one exchange of `bytes` (command + response) under the current model, in ms. */
  exchangeMs(bytes: number): number {
    const model = this.latency;
    if (!model) return 0;
    const airMs = model.bitsPerSecond > 0 ? ((bytes * 8) / model.bitsPerSecond) * 1000 : 0;
    return model.perApduMs + airMs;
  }

  /** Accounts for one exchange and, in `real` mode, waits for it. */
  async spend(bytes: number): Promise<void> {
    const ms = this.exchangeMs(bytes);
    if (ms <= 0) return;
    this.modelledMs += ms;
    if ((this.latency?.mode ?? 'real') === 'real') await sleep(ms);
  }
}

/**
 * A copy of `content` with one byte flipped (XOR 0x01). Throws RangeError when `offset` is outside
 * the content: a test set-up mistake.
 */
export function flipByte(content: Uint8Array, offset = content.length - 1): Uint8Array {
  if (!Number.isInteger(offset) || offset < 0 || offset >= content.length) throw new RangeError(`offset ${offset} outside the file`);
  const out = new Uint8Array(content);
  out[offset] = out[offset]! ^ 0x01;
  return out;
}
