// vsmartcard's vpcd wire format: every message is a 2-byte big-endian length followed by that many bytes.
// A 1-byte payload is a control code, anything longer is a command APDU (vsmartcard docs, "Creating a
// virtual smart card"). TCP delivers a stream, and vpcd itself writes the length and the payload in two
// writes, so frames arrive split and coalesced in any way: this decoder reassembles them.

/** Control codes vpcd sends as 1-byte payloads. */
export const VPCD_CONTROL = Object.freeze({
  POWER_OFF: 0x00,
  POWER_ON: 0x01,
  RESET: 0x02,
  GET_ATR: 0x04,
});

/** Largest payload a 2-byte length can announce. */
export const VPCD_MAX_PAYLOAD = 0xffff;

/**
 * Incremental decoder for vpcd frames. Feed it chunks as they arrive; it returns every frame completed
 * by the chunk, in order. Memory stays bounded by one frame (at most 64 KiB) plus the header.
 */
export class VpcdFrameDecoder {
  private header = new Uint8Array(2);
  private headerFill = 0;
  private payload: Uint8Array | null = null;
  private payloadFill = 0;

  /** Returns the payloads completed by `chunk` (each a fresh copy), possibly none. */
  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.payload === null) {
        const take = Math.min(2 - this.headerFill, chunk.length - offset);
        this.header.set(chunk.subarray(offset, offset + take), this.headerFill);
        this.headerFill += take;
        offset += take;
        if (this.headerFill < 2) break;
        const length = ((this.header[0] ?? 0) << 8) | (this.header[1] ?? 0);
        this.headerFill = 0;
        if (length === 0) {
          frames.push(new Uint8Array(0));
          continue;
        }
        this.payload = new Uint8Array(length);
        this.payloadFill = 0;
      }
      const take = Math.min(this.payload.length - this.payloadFill, chunk.length - offset);
      this.payload.set(chunk.subarray(offset, offset + take), this.payloadFill);
      this.payloadFill += take;
      offset += take;
      if (this.payloadFill === this.payload.length) {
        frames.push(this.payload);
        this.payload = null;
      }
    }
    return frames;
  }

  /** Bytes of an incomplete frame held back, waiting for more input. */
  get pendingBytes(): number {
    return this.payload === null ? this.headerFill : 2 + this.payloadFill;
  }

  reset(): void {
    this.header = new Uint8Array(2);
    this.headerFill = 0;
    this.payload = null;
    this.payloadFill = 0;
  }
}

/**
 * Frames `payload` for vpcd. The caller keeps payloads within VPCD_MAX_PAYLOAD (the bridge checks
 * before calling); a larger payload throws an Error rather than writing a truncated length.
 */
export function encodeVpcdFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > VPCD_MAX_PAYLOAD) {
    throw new Error(`vpcd frame payload of ${payload.length} bytes exceeds ${VPCD_MAX_PAYLOAD}`);
  }
  const frame = new Uint8Array(2 + payload.length);
  frame[0] = payload.length >> 8;
  frame[1] = payload.length & 0xff;
  frame.set(payload, 2);
  return frame;
}
