// Sends command APDUs over a CardChannel: secure messaging wrap/unwrap, 61xx GET RESPONSE chaining,
// 6Cxx retry with the corrected Le (ISO 7816-3 §12.2 / 7816-4 §5.3.4), counters and a data-free trace.

import type { CardChannel } from '../../hal/card-reader.ts';
import { KioskError } from '../../hal/errors.ts';
import { concat } from '../../util/bytes.ts';
import { CardError } from '../errors.ts';
import type { ApduWrapper } from './apdu-wrapper.ts';
import { CommandApdu } from './command-apdu.ts';
import { ResponseApdu } from './response-apdu.ts';
import { swHex } from './status-word.ts';

/** One exchange as it appears in a trace: header and lengths only, never the data. */
export interface ApduTraceEntry {
  readonly step: string;
  /** e.g. `0C B0 0000 Lc=0 Le=223` for the plain command (before SM). */
  readonly command: string;
  readonly secureMessaging: boolean;
  readonly commandBytes: number;
  readonly responseBytes: number;
  readonly sw: string;
  readonly ms: number;
}

export interface ApduStats {
  apdus: number;
  bytesSent: number;
  bytesReceived: number;
}

export interface ApduTransportOptions {
  /** Receives one entry per exchange (including GET RESPONSE). */
  readonly trace?: (entry: ApduTraceEntry) => void;
  /** Upper bound on GET RESPONSE rounds before giving up (guards a chip that never stops). */
  readonly maxGetResponse?: number;
}

export class ApduTransport {
  /** Secure messaging in force, or null before access control. */
  wrapper: ApduWrapper | null = null;
  readonly stats: ApduStats = { apdus: 0, bytesSent: 0, bytesReceived: 0 };
  private readonly maxGetResponse: number;

  constructor(
    readonly channel: CardChannel,
    private readonly options: ApduTransportOptions = {},
  ) {
    this.maxGetResponse = options.maxGetResponse ?? 64;
  }

  /**
   * Sends `command` (wrapped when secure messaging is active) and returns the plain response.
   * Does not judge the status word: callers check it (see `expectOk`). Errors: CardRemovedError and
   * DeviceUnavailableError from the channel pass through; SM failures are CardError `SM_ERROR`.
   */
  async send(command: CommandApdu, step: string): Promise<ResponseApdu> {
    const wrapper = this.wrapper;
    const wire = wrapper ? wrapper.wrap(command) : command;
    let response = await this.exchange(wire, step, command, wrapper !== null);

    if (response.sw1 === 0x6c && wire.ne > 0 && !wire.extended) {
      // Wrong Le: the card tells the right one in SW2. With SM the outer Le is not MAC-protected.
      response = await this.exchange(wire.with({ ne: response.sw2 === 0 ? 256 : response.sw2 }), step, command, wrapper !== null);
    }
    if (response.sw1 === 0x61) {
      const parts = [response.data];
      let rounds = 0;
      while (response.sw1 === 0x61) {
        if (++rounds > this.maxGetResponse) {
          throw new CardError('UNEXPECTED_STATUS', `${step}: more than ${this.maxGetResponse} GET RESPONSE rounds`, { step, sw: response.sw });
        }
        const getResponse = new CommandApdu({ cla: wire.cla & 0x03, ins: 0xc0, p1: 0, p2: 0, ne: response.sw2 === 0 ? 256 : response.sw2 });
        response = await this.exchange(getResponse, step, getResponse, false);
        parts.push(response.data);
      }
      response = new ResponseApdu(concat(...parts), response.sw);
    }
    if (wrapper) {
      try {
        return wrapper.unwrap(response);
      } catch (err) {
        if (err instanceof KioskError) throw err;
        throw new CardError('SM_ERROR', `${step}: response failed secure messaging checks`, { step, sw: response.sw, cause: err });
      }
    }
    return response;
  }

  /** `send` and require SW 9000 (or a warning in `accept`), else a CardError from the status word. */
  async expectOk(command: CommandApdu, step: string, accept: readonly number[] = []): Promise<ResponseApdu> {
    const response = await this.send(command, step);
    if (response.sw !== 0x9000 && !accept.includes(response.sw)) throw CardError.fromStatus(response.sw, step);
    return response;
  }

  private async exchange(wire: CommandApdu, step: string, plain: CommandApdu, sm: boolean): Promise<ResponseApdu> {
    const bytes = wire.encode();
    const started = performance.now();
    const raw = await this.channel.transmit(bytes);
    const ms = performance.now() - started;
    this.stats.apdus++;
    this.stats.bytesSent += bytes.length;
    this.stats.bytesReceived += raw.length;
    const response = ResponseApdu.decode(raw);
    this.options.trace?.({
      step,
      command: plain.describe(),
      secureMessaging: sm,
      commandBytes: bytes.length,
      responseBytes: raw.length,
      sw: swHex(response.sw),
      ms: Math.round(ms * 100) / 100,
    });
    return response;
  }
}
