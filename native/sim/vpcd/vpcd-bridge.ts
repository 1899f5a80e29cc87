// Attaches a VirtualCard to vsmartcard's vpcd reader driver, which pcscd loads: the card connects to
// vpcd's TCP port (35963 for `Virtual PCD 00 00`, 35964 for `00 01`) and answers its frames. This puts
// the real pcscd + pcsclite path under test with a simulated chip. Card removal is closing the socket.

import { Socket } from 'node:net';
import { CardRemovedError, DeviceUnavailableError } from '../../hal/errors.ts';
import type { Event } from '../../hal/event.ts';
import { Emitter } from '../../hal/event.ts';
import type { VirtualCard } from '../chip/virtual-card.ts';
import { encodeVpcdFrame, VPCD_CONTROL, VPCD_MAX_PAYLOAD, VpcdFrameDecoder } from './vpcd-frame-decoder.ts';

/** vpcd's default port for its first reader slot. */
export const VPCD_DEFAULT_PORT = 35963;

/** The few logger methods the bridge uses; pino's `warn(fields, message)` fits. */
export interface VpcdBridgeLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface VpcdBridgeOptions {
  readonly host?: string;
  readonly port?: number;
  /** Receives protocol problems (frame sizes and codes only, never APDU data). Defaults to console. */
  readonly logger?: VpcdBridgeLogger;
}

const consoleLogger: VpcdBridgeLogger = {
  warn: (fields, message) => console.warn(`vpcd-bridge: ${message}`, fields),
};

// ISO 7816-4 §5.6: 6F00 "no precise diagnosis", what a chip answers when it fails internally.
const SW_NO_PRECISE_DIAGNOSIS = Uint8Array.of(0x6f, 0x00);

export class VpcdBridge {
  private readonly host: string;
  private readonly port: number;
  private readonly logger: VpcdBridgeLogger;
  private readonly decoder = new VpcdFrameDecoder();
  private readonly disconnected = new Emitter<void>();
  private socket: Socket | null = null;
  // APDUs are answered strictly in order, one at a time, as a chip does.
  private queue: Promise<void> = Promise.resolve();

  /** Fires once the socket is closed, by `close()`, by vpcd or by a card that left (CardRemovedError). */
  readonly onDidDisconnect: Event<void> = this.disconnected.event;

  constructor(
    private readonly card: VirtualCard,
    options: VpcdBridgeOptions = {},
  ) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? VPCD_DEFAULT_PORT;
    this.logger = options.logger ?? consoleLogger;
  }

  get connected(): boolean {
    return this.socket !== null && !this.socket.destroyed;
  }

  /**
   * Opens the TCP connection to vpcd, i.e. inserts the card. Rejects with DeviceUnavailableError
   * `VPCD_UNAVAILABLE` when nothing listens (pcscd not running or the vpcd driver not loaded), and
   * with `VPCD_BUSY` when this bridge is already connected.
   */
  connect(): Promise<void> {
    if (this.socket !== null) {
      const busy = new DeviceUnavailableError('VPCD_BUSY', 'vpcd bridge is already connected', { userMessage: 'READER_UNAVAILABLE' });
      return Promise.reject(busy);
    }
    const socket = new Socket();
    this.socket = socket;
    this.decoder.reset();
    return new Promise<void>((resolve, reject) => {
      const onConnectError = (err: Error): void => {
        if (this.socket === socket) this.socket = null;
        reject(
          new DeviceUnavailableError('VPCD_UNAVAILABLE', `cannot reach vpcd at ${this.host}:${this.port} (pcscd with vsmartcard-vpcd)`, {
            userMessage: 'READER_UNAVAILABLE',
            cause: err,
          }),
        );
      };
      // close() while still connecting: the card was taken away before vpcd saw it.
      const onEarlyClose = (): void => onConnectError(new Error('closed while connecting'));
      socket.once('error', onConnectError);
      socket.once('close', onEarlyClose);
      socket.connect({ host: this.host, port: this.port, noDelay: true }, () => {
        socket.off('error', onConnectError);
        socket.off('close', onEarlyClose);
        // vpcd waits for each answer: Nagle would hold our small frames back for the delayed ACK.
        socket.setNoDelay(true);
        socket.on('error', (err: NodeJS.ErrnoException) => {
          this.logger.warn({ port: this.port, code: err.code }, 'socket error');
        });
        socket.on('data', (chunk: Buffer) => this.onData(chunk));
        socket.once('close', () => {
          if (this.socket === socket) this.socket = null;
          this.disconnected.fire();
        });
        resolve();
      });
    });
  }

  /** Closes the connection, i.e. removes the card. Idempotent; resolves once the socket is closed. */
  close(): Promise<void> {
    const socket = this.socket;
    if (socket === null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      if (socket.closed) {
        resolve();
        return;
      }
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private onData(chunk: Buffer): void {
    for (const frame of this.decoder.push(chunk)) {
      this.queue = this.queue.then(() => this.handle(frame));
    }
  }

  private async handle(frame: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (socket === null || socket.destroyed) return;
    if (frame.length === 1) {
      this.control(socket, frame[0] ?? -1);
      return;
    }
    if (frame.length === 0) {
      this.logger.warn({ length: 0 }, 'ignored an empty frame');
      return;
    }
    let response: Uint8Array;
    try {
      response = await this.card.transmit(frame);
    } catch (err) {
      if (err instanceof CardRemovedError) {
        // The simulated card left the field mid-command: vpcd sees the card disappear.
        socket.destroy();
        return;
      }
      this.logger.warn({ commandBytes: frame.length, error: err instanceof Error ? err.name : typeof err }, 'virtual card failed');
      response = SW_NO_PRECISE_DIAGNOSIS;
    }
    if (response.length > VPCD_MAX_PAYLOAD) {
      this.logger.warn({ responseBytes: response.length }, 'response too long for a vpcd frame');
      response = SW_NO_PRECISE_DIAGNOSIS;
    }
    if (!socket.destroyed) socket.write(encodeVpcdFrame(response));
  }

  private control(socket: Socket, code: number): void {
    switch (code) {
      case VPCD_CONTROL.POWER_OFF:
        this.card.powerOff();
        return;
      case VPCD_CONTROL.POWER_ON:
      case VPCD_CONTROL.RESET:
        this.card.powerOn();
        return;
      case VPCD_CONTROL.GET_ATR:
        socket.write(encodeVpcdFrame(this.card.atr));
        return;
      default:
        this.logger.warn({ code }, 'ignored an unknown control code');
    }
  }
}
