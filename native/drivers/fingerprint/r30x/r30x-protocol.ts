// The host side of the R30x/ZFM protocol over any ByteLink: one command packet out, one acknowledge
// packet back (confirmation code first), and for uploads a run of data packets closed by an
// end-of-data packet. Commands are strictly sequential, as the device handles one at a time.
//
// Retry policy: a corrupt answer (bad checksum, header or length) or the device's own "packet receive
// error" (0x01) makes the protocol wait until the link is quiet, drop what arrived, and send the same
// command again, up to `retries` more times. Every command it sends is safe to repeat (uploads re-read
// the same buffers). Other failures are not retried: a timeout means the device is not answering.

import { DeviceTimeoutError, type KioskError } from '../../../hal/errors.ts';
import type { Disposable } from '../../../hal/event.ts';
import { FingerprintProtocolError, scannerGoneError } from '../../../hal/fingerprint-errors.ts';
import type { ByteLink } from '../byte-link.ts';
import type { FingerprintFamilyOptions } from '../fingerprint-family.ts';
import { confirmationError } from './r30x-confirmation.ts';
import { instructionName, R30xConfirmation, R30xInstruction } from './r30x-instructions.ts';
import { R30xPacketReader, type R30xReadResult } from './r30x-packet-reader.ts';
import { encodeR30xPacket, R30xPacketId, type R30xPacket } from './r30x-packet.ts';
import { decodeR30xSystemParameters, type R30xSystemParameters } from './r30x-system-parameters.ts';

/** The family's options are the protocol's: address, password, timeouts, retries, device id. */
export type R30xProtocolOptions = FingerprintFamilyOptions;

export interface R30xAnswer {
  readonly confirmation: number;
  /** Acknowledge payload after the confirmation code. */
  readonly parameters: Uint8Array;
}

interface DataPhase {
  readonly maxBytes: number;
  readonly onProgress?: (bytes: number) => void;
}

const RETRYABLE = new Set(['R30X_BAD_CHECKSUM', 'R30X_BAD_HEADER', 'R30X_BAD_LENGTH', 'R30X_BAD_PACKET_ID', 'R30X_PACKET_RECEIVE_ERROR']);
const QUIET_MS = 40;

export class R30xProtocol implements Disposable {
  private readonly reader = new R30xPacketReader();
  private readonly inbox: R30xReadResult[] = [];
  private waiter: (() => void) | undefined;
  private lost: Error | undefined;
  private lastReceiveAt = 0;
  private readonly subscriptions: Disposable[];
  private queue: Promise<unknown> = Promise.resolve();
  corruptPackets = 0;
  retries = 0;

  constructor(
    private readonly link: ByteLink,
    private readonly options: R30xProtocolOptions,
  ) {
    this.subscriptions = [
      link.onDidReceive((chunk) => {
        this.lastReceiveAt = performance.now();
        this.inbox.push(...this.reader.push(chunk));
        this.wake();
      }),
      link.onDidDisconnect((cause) => {
        this.lost = cause;
        this.wake();
      }),
    ];
  }

  /** VfyPwd: rejects with `R30X_WRONG_PASSWORD` when the device refuses the configured password. */
  async verifyPassword(): Promise<void> {
    const p = this.options.password >>> 0;
    await this.expectOk(R30xInstruction.VFY_PWD, Uint8Array.of(p >>> 24, (p >>> 16) & 0xff, (p >>> 8) & 0xff, p & 0xff));
  }

  async readSystemParameters(): Promise<R30xSystemParameters> {
    const answer = await this.expectOk(R30xInstruction.READ_SYS_PARA);
    return decodeR30xSystemParameters(answer.parameters);
  }

  /** GenImg: true when an image was taken, false when no finger (0x02) or the image failed (0x03). */
  async generateImage(): Promise<boolean> {
    const { answer } = await this.command(R30xInstruction.GEN_IMG, new Uint8Array(0));
    if (answer.confirmation === R30xConfirmation.OK) return true;
    if (answer.confirmation === R30xConfirmation.NO_FINGER || answer.confirmation === R30xConfirmation.IMAGE_FAIL) return false;
    throw confirmationError(answer.confirmation, R30xInstruction.GEN_IMG);
  }

  /** Img2Tz into CharBuffer `buffer` (1 or 2); 0x06 / 0x07 reject with FingerprintRejectedError. */
  async imageToTemplate(buffer: 1 | 2): Promise<void> {
    await this.expectOk(R30xInstruction.IMG_2_TZ, Uint8Array.of(buffer));
  }

  /** UpImage: the packed 4-bit image, at most `maxBytes` (larger uploads reject with `R30X_DATA_OVERFLOW`). */
  async uploadImage(maxBytes: number, onProgress?: (bytes: number) => void): Promise<Uint8Array> {
    return this.upload(R30xInstruction.UP_IMAGE, new Uint8Array(0), { maxBytes, onProgress });
  }

  /** UpChar: the feature template in CharBuffer `buffer`. */
  async uploadTemplate(buffer: 1 | 2, maxBytes: number): Promise<Uint8Array> {
    return this.upload(R30xInstruction.UP_CHAR, Uint8Array.of(buffer), { maxBytes });
  }

  /** AuraLedConfig (R503 and later modules): control, speed, colour index, count. */
  async auraLed(control: number, color: number, speed = 0x80, count = 0): Promise<void> {
    await this.expectOk(R30xInstruction.AURA_LED_CONFIG, Uint8Array.of(control, speed, color, count));
  }

  /** Sends a command and returns its answer as is (for diagnostics and the fuzz target). */
  async transact(instruction: number, parameters: Uint8Array = new Uint8Array(0)): Promise<R30xAnswer> {
    return (await this.command(instruction, parameters)).answer;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.lost ??= scannerGoneError(this.options.deviceId, 'r30x.dispose');
    this.wake();
  }

  private async expectOk(instruction: number, parameters: Uint8Array = new Uint8Array(0)): Promise<R30xAnswer> {
    const { answer } = await this.command(instruction, parameters);
    if (answer.confirmation !== R30xConfirmation.OK) throw confirmationError(answer.confirmation, instruction);
    return answer;
  }

  private async upload(instruction: number, parameters: Uint8Array, phase: DataPhase): Promise<Uint8Array> {
    const { answer, data } = await this.command(instruction, parameters, phase);
    if (answer.confirmation !== R30xConfirmation.OK) throw confirmationError(answer.confirmation, instruction);
    return data;
  }

  /** Serialises commands: each waits for the previous one to settle. */
  private command(instruction: number, parameters: Uint8Array, phase?: DataPhase): Promise<{ answer: R30xAnswer; data: Uint8Array }> {
    const run = this.queue.then(() => this.commandWithRetry(instruction, parameters, phase));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commandWithRetry(instruction: number, parameters: Uint8Array, phase?: DataPhase): Promise<{ answer: R30xAnswer; data: Uint8Array }> {
    const packet = encodeR30xPacket({ address: this.options.address, pid: R30xPacketId.COMMAND, payload: Uint8Array.of(instruction, ...parameters) });
    for (let attempt = 0; ; attempt++) {
      this.inbox.length = 0;
      this.reader.reset();
      try {
        this.throwIfLost(instruction);
        await this.link.write(packet);
        const answer = await this.receiveAnswer(instruction);
        if (answer.confirmation === R30xConfirmation.PACKET_RECEIVE_ERROR) throw confirmationError(answer.confirmation, instruction);
        const data = phase && answer.confirmation === R30xConfirmation.OK ? await this.receiveData(instruction, phase) : new Uint8Array(0);
        return { answer, data };
      } catch (err) {
        const code = (err as KioskError).code;
        if (!RETRYABLE.has(code) || attempt >= this.options.retries || this.lost) throw err;
        this.retries++;
        await this.quiet();
      }
    }
  }

  private async receiveAnswer(instruction: number): Promise<R30xAnswer> {
    const packet = await this.nextPacket(instruction, this.options.commandTimeoutMs);
    if (packet.pid !== R30xPacketId.ACK || packet.payload.length < 1) {
      throw new FingerprintProtocolError('R30X_UNEXPECTED_PACKET', `expected an acknowledge to ${instructionName(instruction)}, got packet id 0x${packet.pid.toString(16)} with ${packet.payload.length} byte(s)`, {
        step: `r30x.${instructionName(instruction)}`,
      });
    }
    return Object.freeze({ confirmation: packet.payload[0]!, parameters: packet.payload.slice(1) });
  }

  private async receiveData(instruction: number, phase: DataPhase): Promise<Uint8Array> {
    const out = new Uint8Array(phase.maxBytes);
    let length = 0;
    for (;;) {
      const packet = await this.nextPacket(instruction, this.options.packetTimeoutMs);
      if (packet.pid !== R30xPacketId.DATA && packet.pid !== R30xPacketId.END_OF_DATA) {
        throw new FingerprintProtocolError('R30X_UNEXPECTED_PACKET', `expected a data packet during ${instructionName(instruction)}, got packet id 0x${packet.pid.toString(16)}`, {
          step: `r30x.${instructionName(instruction)}`,
        });
      }
      if (length + packet.payload.length > phase.maxBytes) {
        throw new FingerprintProtocolError('R30X_DATA_OVERFLOW', `${instructionName(instruction)} sent more than ${phase.maxBytes} bytes`, { step: `r30x.${instructionName(instruction)}` });
      }
      out.set(packet.payload, length);
      length += packet.payload.length;
      phase.onProgress?.(length);
      if (packet.pid === R30xPacketId.END_OF_DATA) return out.slice(0, length);
    }
  }

  /** The next packet from the device; corrupt packets and timeouts reject with typed errors. */
  private async nextPacket(instruction: number, timeoutMs: number): Promise<R30xPacket> {
    const step = `r30x.${instructionName(instruction)}`;
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const item = this.inbox.shift();
      if (item) {
        if (item.kind === 'error') {
          this.corruptPackets++;
          throw item.error;
        }
        if (item.packet.address !== this.options.address && this.options.address !== 0xffffffff) {
          throw new FingerprintProtocolError('R30X_ADDRESS_MISMATCH', `answer from address ${item.packet.address.toString(16)} instead of ${this.options.address.toString(16)}`, { step });
        }
        return item.packet;
      }
      this.throwIfLost(instruction);
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        // A hung-up line can be silent without an event: make sure it is still there first.
        if (this.link.probe && !(await this.link.probe())) this.throwIfLost(instruction);
        if (this.reader.pending > 0) {
          this.reader.reset();
          throw new FingerprintProtocolError('R30X_FRAGMENT_TIMEOUT', `a packet stopped arriving part way during ${instructionName(instruction)}`, { step });
        }
        throw new DeviceTimeoutError(`${this.options.deviceId}: no answer to ${instructionName(instruction)} within ${timeoutMs} ms`, { step, userMessage: 'FINGERPRINT_UNAVAILABLE' });
      }
      await this.sleepUntilWoken(remaining);
    }
  }

  private throwIfLost(instruction: number): void {
    if (this.lost) throw scannerGoneError(this.options.deviceId, `r30x.${instructionName(instruction)}`, this.lost);
  }

  private sleepUntilWoken(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve();
      }, ms);
      this.waiter = () => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve();
      };
    });
  }

  private wake(): void {
    this.waiter?.();
  }

  /** Waits until nothing has arrived for QUIET_MS, so the rest of a corrupt answer is not taken for the next. */
  private async quiet(): Promise<void> {
    const limit = performance.now() + this.options.packetTimeoutMs + this.options.commandTimeoutMs;
    while (performance.now() - this.lastReceiveAt < QUIET_MS && performance.now() < limit && !this.lost) {
      await new Promise((r) => setTimeout(r, QUIET_MS / 2));
    }
    this.inbox.length = 0;
    this.reader.reset();
  }
}
