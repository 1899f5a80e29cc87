// A Modbus RTU master for one serial line: one transaction at a time (RS-485 is half duplex), replies
// framed by their length (not by 3.5-character silence, which USB-RS485 adapters and PTYs do not keep),
// a deadline per reply, and retries after a timeout or a corrupt reply. Exception replies are final.

import { DeviceTimeoutError, KioskError } from '../../../hal/errors.ts';
import { GateError } from '../../../hal/gate.ts';
import { MAX_RTU_FRAME, encodeRequest, parseResponse, responseLength, type ModbusRequest, type ModbusResponse } from './modbus-rtu-frame.ts';

export interface ModbusRtuClientOptions {
  /** Sends a frame on the line. */
  readonly send: (frame: Uint8Array) => Promise<void>;
  readonly responseTimeoutMs: number;
  /** Further attempts after a timeout or a corrupt reply. */
  readonly retries: number;
}

interface Pending {
  readonly request: ModbusRequest;
  resolve(frame: Uint8Array): void;
  reject(error: Error): void;
}

const RETRYABLE = new Set(['TIMEOUT', 'MODBUS_BAD_CRC', 'MODBUS_BAD_FRAME', 'MODBUS_BAD_RESPONSE']);

export class ModbusRtuClient {
  private readonly rx = new Uint8Array(MAX_RTU_FRAME);
  private rxLength = 0;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Counters for diagnostics. */
  readonly stats = { requests: 0, retries: 0, timeouts: 0, badFrames: 0 };

  constructor(private readonly options: ModbusRtuClientOptions) {}

  /** Runs `request` after the ones before it; resolves with the parsed reply. */
  request(request: ModbusRequest): Promise<ModbusResponse> {
    const run = this.queue.then(() => this.transact(request));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Bytes from the line. Bytes that arrive with no transaction open are line noise and dropped. */
  receive(chunk: Uint8Array): void {
    const pending = this.pending;
    if (!pending) return;
    for (const byte of chunk) {
      if (this.rxLength === MAX_RTU_FRAME) break;
      this.rx[this.rxLength++] = byte;
    }
    let length: number | undefined;
    try {
      length = responseLength(this.rx.subarray(0, this.rxLength));
    } catch (err) {
      this.settle((p) => p.reject(err as Error));
      return;
    }
    if (length !== undefined && this.rxLength >= length) {
      const frame = this.rx.slice(0, length);
      this.settle((p) => p.resolve(frame));
    }
  }

  /** The line is gone: the open transaction fails with `error`. */
  fail(error: Error): void {
    this.settle((p) => p.reject(error));
  }

  private settle(fn: (p: Pending) => void): void {
    const p = this.pending;
    this.pending = undefined;
    this.rxLength = 0;
    if (p) fn(p);
  }

  private async transact(request: ModbusRequest): Promise<ModbusResponse> {
    const frame = encodeRequest(request);
    this.stats.requests += 1;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const reply = await this.attempt(request, frame);
        return parseResponse(request, reply);
      } catch (err) {
        const code = err instanceof KioskError ? err.code : '';
        if (code === 'TIMEOUT') this.stats.timeouts += 1;
        else if (RETRYABLE.has(code)) this.stats.badFrames += 1;
        if (!RETRYABLE.has(code) || attempt >= this.options.retries) throw err;
        this.stats.retries += 1;
      }
    }
  }

  private attempt(request: ModbusRequest, frame: Uint8Array): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle((p) =>
          p.reject(
            new DeviceTimeoutError(`no Modbus reply from slave ${request.slave} to function ${request.fn} within ${this.options.responseTimeoutMs} ms`, {
              step: 'modbus.response',
              userMessage: 'GATE_UNAVAILABLE',
            }),
          ),
        );
      }, this.options.responseTimeoutMs);
      this.rxLength = 0;
      this.pending = {
        request,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.options.send(frame).catch((err: unknown) => this.settle((p) => p.reject(err instanceof Error ? err : new GateError('MODBUS_BAD_FRAME', String(err)))));
    });
  }
}
