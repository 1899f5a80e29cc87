// An R30x/ZFM fingerprint module at packet level: bytes in, bytes out, answering every command as the
// module does (R307/R503 user manuals): VfyPwd, ReadSysPara, GenImg, Img2Tz, UpImage (4-bit packed
// 256 x 288 image in data packets of the configured size, the last one an end-of-data packet), UpChar,
// AuraLedConfig. Packets for another address are ignored; a packet with a bad checksum is answered with
// confirmation 0x01. Transport adapters (SimHidDevice, SimSerialPeer) carry its bytes.
//
// Control surface for tests and the demo: placeFinger, liftFinger, setNoFinger, failNextChecksum,
// disconnectMidUpload, failNext, setLatency.

import { Emitter } from '../../hal/event.ts';
import { packR30xImage, R30X_IMAGE_HEIGHT, R30X_IMAGE_WIDTH } from '../../drivers/fingerprint/r30x/r30x-image.ts';
import { R30xConfirmation as C, R30xInstruction as I } from '../../drivers/fingerprint/r30x/r30x-instructions.ts';
import { R30xPacketReader } from '../../drivers/fingerprint/r30x/r30x-packet-reader.ts';
import { encodeR30xPacket, R30X_DEFAULT_ADDRESS, R30xPacketId, type R30xPacket } from '../../drivers/fingerprint/r30x/r30x-packet.ts';
import { encodeR30xSystemParameters } from '../../drivers/fingerprint/r30x/r30x-system-parameters.ts';
import { syntheticFingerprint, type FingerCondition } from './synthetic-fingerprint.ts';

export interface SimR30xDeviceOptions {
  readonly address?: number;
  readonly password?: number;
  /** Data packet payload size: 32, 64, 128 (default, as shipped) or 256. */
  readonly packetSize?: 32 | 64 | 128 | 256;
  /** Reported by ReadSysPara (default 57600). */
  readonly baudRate?: number;
  /** Whether the module has the AuraLedConfig LED ring (R503: yes; R307: no). Default true. */
  readonly auraLed?: boolean;
}

/** How many of the latest commands `commands` keeps: the demo's module answers commands for months. */
export const KEEP_COMMANDS = 256;

/** Template (character file) size of an R307. */
const TEMPLATE_LENGTH = 512;

/** Img2Tz's answer for each finger condition: what the module's own extractor would say. */
const FEATURE_ANSWER: Readonly<Record<FingerCondition, number>> = Object.freeze({
  good: C.OK,
  partial: C.FEATURE_FAIL,
  dry: C.FEATURE_FAIL,
  wet: C.IMAGE_MESSY,
  smudged: C.IMAGE_MESSY,
});

export class SimR30xDevice {
  private readonly reader = new R30xPacketReader();
  private readonly transmitted = new Emitter<Uint8Array>();
  private readonly disconnected = new Emitter<void>();
  readonly address: number;
  readonly password: number;
  private readonly packetSize: number;
  private readonly baudRate: number;
  private readonly auraLed: boolean;
  private finger: { condition: FingerCondition; seed: number } | undefined;
  private noFinger = false;
  private verified: boolean;
  private imageBuffer: { pixels: Uint8Array; condition: FingerCondition } | undefined;
  private charBuffer: Uint8Array | undefined;
  private corruptNext = 0;
  private disconnectAfterPackets: number | undefined;
  private readonly injected = new Map<number, number>();
  private latencyMs = 0;
  private queue: Promise<void> = Promise.resolve();
  private gone = false;
  private nextSeed = 1;
  /** The instruction codes of the latest commands received, oldest first (at most KEEP_COMMANDS; for tests). */
  readonly commands: number[] = [];
  /** The last AuraLedConfig control and colour, if any. */
  led: { readonly control: number; readonly color: number } | undefined;

  /** Bytes the module sends to the host, one packet per event. */
  readonly onDidTransmit = this.transmitted.event;
  /** Fires when the module drops off the bus (disconnectMidUpload); it answers nothing afterwards. */
  readonly onDidDisconnect = this.disconnected.event;

  constructor(options: SimR30xDeviceOptions = {}) {
    this.address = options.address ?? R30X_DEFAULT_ADDRESS;
    this.password = options.password ?? 0;
    this.packetSize = options.packetSize ?? 128;
    this.baudRate = options.baudRate ?? 57600;
    this.auraLed = options.auraLed ?? true;
    this.verified = this.password === 0;
  }

  // --- wire -----------------------------------------------------------------------------------------

  /** Bytes from the host, split or joined anyway. */
  receive(bytes: Uint8Array): void {
    if (this.gone) return;
    for (const result of this.reader.push(bytes)) {
      if (result.kind === 'error') {
        if (result.error.code === 'R30X_BAD_CHECKSUM') this.enqueue(() => this.ack(C.PACKET_RECEIVE_ERROR));
        continue;
      }
      const packet = result.packet;
      if (packet.address !== this.address || packet.pid !== R30xPacketId.COMMAND || packet.payload.length === 0) continue;
      this.enqueue(() => this.execute(packet));
    }
  }

  get isConnected(): boolean {
    return !this.gone;
  }

  /** Brings a disconnected module back (replug): it restarts with empty buffers, password not verified. */
  reconnect(): void {
    this.gone = false;
    this.reader.reset();
    this.verified = this.password === 0;
    this.imageBuffer = undefined;
    this.charBuffer = undefined;
  }

  // --- control surface --------------------------------------------------------------------------------

  /** Puts a synthetic finger on the sensor; the next GenImg takes its image. */
  placeFinger(condition: FingerCondition = 'good', seed = this.nextSeed++): void {
    this.finger = { condition, seed };
  }

  liftFinger(): void {
    this.finger = undefined;
  }

  get fingerPresent(): boolean {
    return this.finger !== undefined;
  }

  /** While on, GenImg answers "no finger" whatever is placed (a dead sensor window). */
  setNoFinger(on: boolean): void {
    this.noFinger = on;
  }

  /** Corrupts the checksum of the next `count` packets the module sends (0 stops corrupting). */
  failNextChecksum(count = 1): void {
    this.corruptNext = count;
  }

  /** During the next UpImage, drops off the bus after `afterPackets` data packets (default 100). */
  disconnectMidUpload(afterPackets = 100): void {
    this.disconnectAfterPackets = afterPackets;
  }

  /** Answers the next `instruction` with `confirmation` instead of executing it. */
  failNext(instruction: number, confirmation: number): void {
    this.injected.set(instruction, confirmation);
  }

  /** Delay before each answer, as a slow module or a long GenImg exposure would take. */
  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  dispose(): void {
    this.transmitted.dispose();
    this.disconnected.dispose();
  }

  // --- module behaviour ------------------------------------------------------------------------------

  /** Resolves once every command received so far has been answered. */
  whenIdle(): Promise<void> {
    return this.queue;
  }

  private enqueue(work: () => void): void {
    this.queue = this.queue.then(async () => {
      if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
      if (this.gone) return;
      try {
        work();
      } catch {
        // A module answers what it can parse; a command it cannot execute gets "packet receive error".
        this.ack(C.PACKET_RECEIVE_ERROR);
      }
    });
  }

  private execute(packet: R30xPacket): void {
    const instruction = packet.payload[0]!;
    const params = packet.payload.subarray(1);
    this.commands.push(instruction);
    if (this.commands.length > KEEP_COMMANDS) this.commands.splice(0, this.commands.length - KEEP_COMMANDS);
    const injected = this.injected.get(instruction);
    if (injected !== undefined) {
      this.injected.delete(instruction);
      return this.ack(injected);
    }
    if (instruction === I.VFY_PWD) {
      if (params.length !== 4) return this.ack(C.PACKET_RECEIVE_ERROR);
      const given = ((params[0]! << 24) | (params[1]! << 16) | (params[2]! << 8) | params[3]!) >>> 0;
      this.verified = given === this.password >>> 0;
      return this.ack(this.verified ? C.OK : C.PASSWORD_FAIL);
    }
    if (!this.verified) return this.ack(C.PASSWORD_REQUIRED);
    switch (instruction) {
      case I.READ_SYS_PARA:
        return this.ack(
          C.OK,
          encodeR30xSystemParameters({ statusRegister: 0, systemId: 0x0009, librarySize: 1000, securityLevel: 3, address: this.address, packetSize: this.packetSize, baudRate: this.baudRate }),
        );
      case I.GEN_IMG:
        return this.generateImage();
      case I.IMG_2_TZ:
        return this.imageToTemplate(params);
      case I.UP_IMAGE:
        return this.uploadImage();
      case I.UP_CHAR:
        if (params.length !== 1 || (params[0] !== 1 && params[0] !== 2)) return this.ack(C.PACKET_RECEIVE_ERROR);
        if (!this.charBuffer) return this.ack(C.UPLOAD_FEATURE_FAIL);
        this.ack(C.OK);
        return this.sendData(this.charBuffer);
      case I.AURA_LED_CONFIG:
        if (!this.auraLed) return this.ack(C.PACKET_RECEIVE_ERROR);
        if (params.length !== 4) return this.ack(C.PACKET_RECEIVE_ERROR);
        this.led = { control: params[0]!, color: params[2]! };
        return this.ack(C.OK);
      default:
        return this.ack(C.PACKET_RECEIVE_ERROR);
    }
  }

  private generateImage(): void {
    if (!this.finger || this.noFinger) return this.ack(C.NO_FINGER);
    const { condition, seed } = this.finger;
    this.imageBuffer = { pixels: cachedImage(condition, seed), condition };
    this.charBuffer = undefined;
    this.ack(C.OK);
  }

  private imageToTemplate(params: Uint8Array): void {
    if (params.length !== 1 || (params[0] !== 1 && params[0] !== 2)) return this.ack(C.PACKET_RECEIVE_ERROR);
    if (!this.imageBuffer) return this.ack(C.INVALID_IMAGE);
    const answer = FEATURE_ANSWER[this.imageBuffer.condition];
    if (answer === C.OK) this.charBuffer = templateOf(this.imageBuffer.pixels);
    this.ack(answer);
  }

  private uploadImage(): void {
    if (!this.imageBuffer) return this.ack(C.INVALID_IMAGE);
    this.ack(C.OK);
    this.sendData(packR30xImage(this.imageBuffer.pixels), this.disconnectAfterPackets);
    this.disconnectAfterPackets = undefined;
  }

  private sendData(data: Uint8Array, stopAfter?: number): void {
    let sent = 0;
    for (let offset = 0; offset < data.length; offset += this.packetSize) {
      if (stopAfter !== undefined && sent >= stopAfter) {
        this.gone = true;
        this.disconnected.fire();
        return;
      }
      const last = offset + this.packetSize >= data.length;
      this.send({ address: this.address, pid: last ? R30xPacketId.END_OF_DATA : R30xPacketId.DATA, payload: data.subarray(offset, offset + this.packetSize) });
      sent++;
    }
  }

  private ack(confirmation: number, parameters: Uint8Array = new Uint8Array(0)): void {
    const payload = new Uint8Array(1 + parameters.length);
    payload[0] = confirmation;
    payload.set(parameters, 1);
    this.send({ address: this.address, pid: R30xPacketId.ACK, payload });
  }

  private send(packet: R30xPacket): void {
    const bytes = encodeR30xPacket(packet);
    if (this.corruptNext > 0) {
      this.corruptNext--;
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x5a;
    }
    this.transmitted.fire(bytes);
  }
}

const imageCache = new Map<string, Uint8Array>();

/** Generating an image costs milliseconds; a finger held on the sensor gives the same one each time. */
function cachedImage(condition: FingerCondition, seed: number): Uint8Array {
  const key = `${condition}:${seed}`;
  let pixels = imageCache.get(key);
  if (!pixels) {
    pixels = syntheticFingerprint({ width: R30X_IMAGE_WIDTH, height: R30X_IMAGE_HEIGHT, condition, seed });
    if (imageCache.size >= 16) imageCache.delete(imageCache.keys().next().value!);
    imageCache.set(key, pixels);
  }
  return pixels;
}

/** A deterministic stand-in for the module's character file, derived from the image. */
function templateOf(pixels: Uint8Array): Uint8Array {
  const out = new Uint8Array(TEMPLATE_LENGTH);
  let h = 0x811c9dc5;
  for (let i = 0; i < pixels.length; i += 7) {
    h = Math.imul(h ^ pixels[i]!, 0x01000193) >>> 0;
    out[i % TEMPLATE_LENGTH] = out[i % TEMPLATE_LENGTH]! ^ (h & 0xff);
  }
  out[0] = 0x03; // R307 character files start with a format byte
  return out;
}
