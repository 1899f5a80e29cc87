import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceUnavailableError } from '../../../../../native/hal/errors.ts';
import type { KioskError } from '../../../../../native/hal/errors.ts';
import { VpcdBridge } from '../../../../../native/sim/vpcd/vpcd-bridge.ts';
import type { VpcdBridgeLogger } from '../../../../../native/sim/vpcd/vpcd-bridge.ts';
import { encodeVpcdFrame, VpcdFrameDecoder } from '../../../../../native/sim/vpcd/vpcd-frame-decoder.ts';
import { concat, fromHex, toHex } from '../../../../../native/util/bytes.ts';
import { ECHO_CARD_ATR, EchoCard, pattern } from '../../../../helpers/echo-card.ts';

/** Plays vpcd's side: accepts the card's connection and exchanges frames with it. */
class FakeVpcd {
  private socket: Socket | null = null;
  connections = 0;
  private readonly decoder = new VpcdFrameDecoder();
  private readonly frames: Uint8Array[] = [];
  private waiters: Array<() => void> = [];
  private accepted: Promise<void>;
  readonly closed: Promise<void>;

  private constructor(private readonly server: Server) {
    let onAccept = (): void => undefined;
    let onClose = (): void => undefined;
    this.accepted = new Promise((resolve) => (onAccept = resolve));
    this.closed = new Promise((resolve) => (onClose = resolve));
    server.on('connection', (socket) => {
      this.socket = socket;
      this.connections++;
      socket.on('data', (chunk) => {
        this.frames.push(...this.decoder.push(chunk));
        for (const waiter of this.waiters.splice(0)) waiter();
      });
      socket.on('close', onClose);
      onAccept();
    });
  }

  static async listen(): Promise<FakeVpcd> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeVpcd(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async connection(): Promise<Socket> {
    await this.accepted;
    if (this.socket === null) throw new Error('no connection');
    return this.socket;
  }

  /** Sends `payload` framed, written in pieces of `pieceSize` bytes as a slow peer would. */
  async send(payload: Uint8Array, pieceSize = Infinity): Promise<void> {
    const socket = await this.connection();
    const frame = encodeVpcdFrame(payload);
    for (let offset = 0; offset < frame.length; offset += pieceSize) {
      socket.write(frame.subarray(offset, Math.min(frame.length, offset + pieceSize)));
      if (pieceSize !== Infinity) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async receive(timeoutMs = 2000): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      if (Date.now() > deadline) throw new Error('no frame from the card');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.frames.shift() ?? new Uint8Array(0);
  }

  async exchange(payload: Uint8Array, pieceSize?: number): Promise<Uint8Array> {
    await this.send(payload, pieceSize);
    return this.receive();
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const quiet: VpcdBridgeLogger = { warn: () => undefined };
const cleanups: Array<() => Promise<void>> = [];

async function attach(card = new EchoCard(), logger: VpcdBridgeLogger = quiet): Promise<{ vpcd: FakeVpcd; bridge: VpcdBridge; card: EchoCard }> {
  const vpcd = await FakeVpcd.listen();
  const bridge = new VpcdBridge(card, { port: vpcd.port, logger });
  cleanups.push(() => bridge.close(), () => vpcd.close());
  await bridge.connect();
  await vpcd.connection();
  return { vpcd, bridge, card };
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('VpcdBridge', () => {
  describe('control frames', () => {
    it('powers the card on, answers the ATR request and powers it off', async () => {
      const { vpcd, card } = await attach();
      await vpcd.send(fromHex('01'));
      expect(toHex(await vpcd.exchange(fromHex('04')))).toBe(toHex(ECHO_CARD_ATR));
      expect(card.powerOnCount).toBe(1);
      await vpcd.send(fromHex('02'));
      await vpcd.send(fromHex('00'));
      expect(toHex(await vpcd.exchange(fromHex('04')))).toBe(toHex(ECHO_CARD_ATR));
      expect(card.powerOnCount).toBe(2);
    });

    it('logs an unknown control code by its value only, and stays connected', async () => {
      const warnings: Array<Record<string, unknown>> = [];
      const { vpcd, bridge } = await attach(new EchoCard(), { warn: (fields) => warnings.push(fields) });
      await vpcd.send(fromHex('09'));
      expect(toHex(await vpcd.exchange(fromHex('04')))).toBe(toHex(ECHO_CARD_ATR));
      expect(warnings).toEqual([{ code: 9 }]);
      expect(bridge.connected).toBe(true);
    });
  });

  describe('APDU frames', () => {
    it('answers a command that arrives one byte at a time', async () => {
      const { vpcd } = await attach();
      expect(await vpcd.exchange(fromHex('00EE000003010203'), 1)).toEqual(fromHex('0102039000'));
    });

    it('answers commands strictly in order', async () => {
      const { vpcd } = await attach();
      await vpcd.send(fromHex('00EE000001AA'));
      await vpcd.send(fromHex('00EE000001BB'));
      expect(await vpcd.receive()).toEqual(fromHex('AA9000'));
      expect(await vpcd.receive()).toEqual(fromHex('BB9000'));
    });

    it('carries an extended-length response', async () => {
      const { vpcd } = await attach();
      expect(await vpcd.exchange(fromHex('00E0100000' + '1000'))).toEqual(concat(pattern(0x1000), fromHex('9000')));
    });

    it('answers 6F00, logging sizes only, when the card fails internally', async () => {
      const card = new EchoCard();
      card.transmit = () => Promise.reject(new Error('simulator bug'));
      const warnings: Array<Record<string, unknown>> = [];
      const { vpcd } = await attach(card, { warn: (fields) => warnings.push(fields) });
      expect(await vpcd.exchange(fromHex('00A4040C00'))).toEqual(fromHex('6F00'));
      expect(warnings).toEqual([{ commandBytes: 5, error: 'Error' }]);
    });
  });

  describe('card removal', () => {
    it('closes the connection when the card leaves mid-command, and fires onDidDisconnect', async () => {
      const { vpcd, bridge, card } = await attach();
      const disconnected = new Promise<void>((resolve) => bridge.onDidDisconnect(resolve));
      card.removeOnNextCommand = true;
      await vpcd.send(fromHex('00A4040C00'));
      await vpcd.closed;
      await disconnected;
      expect(bridge.connected).toBe(false);
    });

    it('close() ends the connection, resolves once closed and may be repeated', async () => {
      const { vpcd, bridge } = await attach();
      await bridge.close();
      await vpcd.closed;
      await bridge.close();
      expect(bridge.connected).toBe(false);
    });

    it('fires onDidDisconnect when vpcd goes away', async () => {
      const { vpcd, bridge } = await attach();
      const disconnected = new Promise<void>((resolve) => bridge.onDidDisconnect(resolve));
      await vpcd.close();
      await disconnected;
      expect(bridge.connected).toBe(false);
    });
  });

  describe('connect', () => {
    it('rejects with VPCD_UNAVAILABLE when nothing listens', async () => {
      const vpcd = await FakeVpcd.listen();
      const port = vpcd.port;
      await vpcd.close();
      const error = (await new VpcdBridge(new EchoCard(), { port, logger: quiet }).connect().catch((err: unknown) => err)) as KioskError;
      expect(error).toBeInstanceOf(DeviceUnavailableError);
      expect(error.code).toBe('VPCD_UNAVAILABLE');
    });

    it('rejects with VPCD_UNAVAILABLE when closed before the connection is up', async () => {
      const vpcd = await FakeVpcd.listen();
      cleanups.push(() => vpcd.close());
      const bridge = new VpcdBridge(new EchoCard(), { port: vpcd.port, logger: quiet });
      const connecting = bridge.connect().catch((err: unknown) => err);
      await bridge.close();
      expect(((await connecting) as KioskError).code).toBe('VPCD_UNAVAILABLE');
      expect(bridge.connected).toBe(false);
    });

    it('rejects a second connect while connected with VPCD_BUSY', async () => {
      const { bridge } = await attach();
      await expect(bridge.connect()).rejects.toMatchObject({ code: 'VPCD_BUSY' });
    });

    it('inserts the card again after close', async () => {
      const { vpcd, bridge } = await attach();
      await bridge.close();
      await vpcd.closed;
      await bridge.connect();
      while (vpcd.connections < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await vpcd.exchange(fromHex('005A000001'))).toEqual(fromHex('009000'));
    });
  });
});
