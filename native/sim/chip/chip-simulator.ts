// An ICAO 9303 chip at APDU level: the counterpart of the reader stack, used in-process by SimCardReader,
// over vpcd by VpcdBridge, and by tests and benches. Commands follow ISO 7816-4 and ICAO 9303-10 §3.6;
// access control and authenticity protocols are routed to their chip-side implementations.

import { CommandApdu } from '../../card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../card/apdu/response-apdu.ts';
import { SW } from '../../card/apdu/status-word.ts';
import { CardRemovedError, KioskError } from '../../hal/errors.ts';
import { contactlessAtr } from './chip-atr.ts';
import { ChipFaults, flipByte, type ChipFaultOptions } from './chip-faults.ts';
import { ChipFileSystem, type ChipFileContents } from './chip-file-system.ts';
import type { ChipProtocols, SecureMessagingResponder } from './chip-protocol-roles.ts';
import { ChipSession, type Executed } from './chip-session.ts';
import type { VirtualCard } from './virtual-card.ts';

export interface ChipSimulatorOptions {
  readonly files: ChipFileContents;
  readonly protocols?: ChipProtocols;
  /**
   * How the chip answers SELECT MF (3F00): `supported`, or the status word of chips where it fails
   * (6D00, 6A82). EF.CardAccess stays readable either way, since the MF is current after power-on.
   */
  readonly selectMasterFile?: 'supported' | number;
  /** Whether the chip accepts extended-length APDUs (default true). */
  readonly extendedLength?: boolean;
  /** Overrides the ATR built from the capabilities. */
  readonly atr?: Uint8Array;
  readonly faults?: ChipFaultOptions;
}

/** Traffic counters since construction (or `resetStats`). */
export interface ChipStats {
  apdus: number;
  bytesIn: number;
  bytesOut: number;
}

const SW_BYTES = (sw: number): Uint8Array => Uint8Array.of(sw >> 8, sw & 0xff);

export class ChipSimulator implements VirtualCard {
  readonly fileSystem: ChipFileSystem;
  readonly faults: ChipFaults;
  readonly stats: ChipStats = { apdus: 0, bytesIn: 0, bytesOut: 0 };
  private protocols: ChipProtocols;
  private readonly selectMasterFile: 'supported' | number;
  private readonly extendedLength: boolean;
  private readonly fixedAtr: Uint8Array | undefined;
  private session: ChipSession | null = null;
  private cardLost = false;

  constructor(options: ChipSimulatorOptions) {
    this.fileSystem = new ChipFileSystem(options.files);
    this.protocols = options.protocols ?? {};
    this.selectMasterFile = options.selectMasterFile ?? 'supported';
    this.extendedLength = options.extendedLength ?? true;
    this.fixedAtr = options.atr;
    this.faults = new ChipFaults(options.faults);
    if (options.faults?.tamper) this.tamperDataGroup(options.faults.tamper.dataGroup, options.faults.tamper.offset);
  }

  get atr(): Uint8Array {
    return this.fixedAtr ?? contactlessAtr(this.extendedLengthEnabled);
  }

  /** Extended-length APDUs are accepted: the chip supports them and no short-only fault is set. */
  get extendedLengthEnabled(): boolean {
    return this.extendedLength && !this.faults.shortApduOnly;
  }

  /** Whether a secure-messaging session is in force (after BAC or PACE, until it is broken). */
  get secureMessagingActive(): boolean {
    return this.session?.sm != null;
  }

  powerOn(): Uint8Array {
    this.cardLost = false;
    this.session = new ChipSession(this.fileSystem, this.protocols, this.selectMasterFile);
    return this.atr;
  }

  powerOff(): void {
    this.session = null;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (!this.session || this.cardLost) throw new CardRemovedError('simulated chip is not in the field');
    if (this.faults.takeCardLoss()) {
      this.cardLost = true;
      this.session = null;
      throw new CardRemovedError('simulated chip left the field (fault injection)');
    }
    this.stats.apdus++;
    this.stats.bytesIn += command.length;
    let response: Uint8Array;
    try {
      response = this.process(this.session, command);
    } catch {
      // A bug in a protocol implementation must still look like a chip answering, never a crash.
      response = SW_BYTES(SW.UNKNOWN);
    }
    this.stats.bytesOut += response.length;
    await this.faults.spend(command.length + response.length);
    return response;
  }

  /** Flips a byte of data group `n` (default its last byte), after the SOD was signed. */
  tamperDataGroup(n: number, offset?: number): void {
    const file = this.fileSystem.dataGroup(n);
    if (!file) throw new RangeError(`the chip has no DG${n}`);
    this.fileSystem.replace(file.lds.fid, flipByte(file.content, offset));
  }

  /** Replaces the protocol implementations (e.g. a cloned chip's keys); takes effect at the next powerOn. */
  setProtocols(protocols: ChipProtocols): void {
    this.protocols = protocols;
  }

  resetStats(): void {
    this.stats.apdus = 0;
    this.stats.bytesIn = 0;
    this.stats.bytesOut = 0;
  }

  private process(session: ChipSession, bytes: Uint8Array): Uint8Array {
    if (bytes.length < 4) return SW_BYTES(SW.WRONG_LENGTH);
    const cla = bytes[0]!;
    // ISO 7816-4 §5.4.1: interindustry CLA, basic channel; b5 chaining, b4-b3 secure messaging.
    if ((cla & 0xe3) !== 0) return SW_BYTES(SW.CLA_NOT_SUPPORTED);
    const smBits = cla & 0x0c;
    if (smBits === 0x04 || smBits === 0x08) return SW_BYTES(SW.SECURE_MESSAGING_NOT_SUPPORTED);
    let command: CommandApdu;
    try {
      command = CommandApdu.decode(bytes);
    } catch {
      return SW_BYTES(SW.WRONG_LENGTH);
    }
    if (command.extended && !this.extendedLengthEnabled) return SW_BYTES(SW.WRONG_LENGTH);

    const sm = session.sm;
    if (!sm) {
      if (smBits !== 0) return SW_BYTES(SW.SM_DATA_INCORRECT);
      const executed = session.execute(command, false);
      if (executed.nextSm) session.sm = executed.nextSm;
      return executed.response.encode();
    }
    // ICAO 9303-11 §9.8.1: once SM is in force, a plain or broken command ends the session.
    if (smBits === 0) return session.dropSm(SW.SM_DATA_MISSING);
    let inner: CommandApdu;
    try {
      inner = sm.unwrapCommand(command);
    } catch (err) {
      // The SM implementation names the status word (6987 missing objects, 6988 wrong ones).
      const sw = err instanceof KioskError && (err.sw === SW.SM_DATA_MISSING || err.sw === SW.SM_DATA_INCORRECT) ? err.sw : SW.SM_DATA_INCORRECT;
      return session.dropSm(sw);
    }
    const executed = session.execute(inner, true);
    const wrapped = this.wrap(sm, fitResponse(executed, command.extended ? 65536 : 256, blockSize(sm)));
    // CA (MSE:Set KAT, GENERAL AUTHENTICATE) answers under the old keys and switches afterwards.
    if (executed.nextSm) session.sm = executed.nextSm;
    return wrapped;
  }

  private wrap(sm: SecureMessagingResponder, response: ResponseApdu): Uint8Array {
    if (!this.faults.takeMacCorruption()) return sm.wrapResponse(response).encode();
    sm.corruptNextMac = true;
    const wire = sm.wrapResponse(response).encode();
    if (sm.corruptNextMac) {
      // The implementation ignored the flag: DO8E comes last (ICAO 9303-11 §9.8.6), so its final byte is
      // the byte just before SW1 SW2.
      sm.corruptNextMac = false;
      if (wire.length > 2) wire[wire.length - 3] = wire[wire.length - 3]! ^ 0xff;
    }
    return wire;
  }
}

/**
 * The inner response, or 6700 when its protected form would not fit the outer APDU (short responses
 * carry at most 256 bytes): what real chips answer when the terminal asks for too much under SM.
 */
function fitResponse(executed: Executed, limit: number, block: number): ResponseApdu {
  const n = executed.response.data.length;
  if (n === 0) return executed.response;
  const padded = (Math.floor(n / block) + 1) * block;
  const do87 = 1 + padded;
  const do87Header = do87 < 0x80 ? 2 : do87 <= 0xff ? 3 : do87 <= 0xffff ? 4 : 5;
  const total = do87Header + do87 + 4 + 10;
  return total <= limit ? executed.response : ResponseApdu.status(SW.WRONG_LENGTH);
}

/** The SM cipher's block size: 8 for 3DES, 16 for AES (the default when the session does not say). */
function blockSize(sm: SecureMessagingResponder): number {
  const algorithm = (sm as { algorithm?: unknown }).algorithm;
  return typeof algorithm === 'string' && algorithm.toUpperCase().includes('DES') ? 8 : 16;
}
