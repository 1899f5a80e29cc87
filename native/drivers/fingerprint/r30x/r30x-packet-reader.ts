// Reassembles R30x packets from a byte stream (serial reads or the bytes carried in HID reports), which
// may split a packet anywhere or join several. The buffer never holds more than one packet
// (R30X_MAX_PACKET bytes), so a hostile stream cannot make it grow. A corrupt packet whose length is
// known (bad checksum) is consumed whole, so the stream stays in step; garbage before a header is
// skipped up to the next EF 01 and reported once.

import { FingerprintProtocolError } from '../../../hal/fingerprint-errors.ts';
import { decodeR30xPacket, decodeR30xPrefix, R30X_MAX_PACKET, R30X_PREFIX_LENGTH, type R30xPacket } from './r30x-packet.ts';

export type R30xReadResult =
  | { readonly kind: 'packet'; readonly packet: R30xPacket }
  | { readonly kind: 'error'; readonly error: FingerprintProtocolError };

export class R30xPacketReader {
  private buffer = new Uint8Array(R30X_MAX_PACKET);
  private filled = 0;

  /** Bytes of an incomplete packet waiting for the rest (a fragment timeout discards them with `reset`). */
  get pending(): number {
    return this.filled;
  }

  reset(): void {
    this.filled = 0;
  }

  /** Feeds bytes; returns the packets and errors they complete, in stream order. */
  push(chunk: Uint8Array): R30xReadResult[] {
    const results: R30xReadResult[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(chunk.length - offset, this.buffer.length - this.filled);
      this.buffer.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      this.drain(results);
    }
    return results;
  }

  private drain(results: R30xReadResult[]): void {
    for (;;) {
      if (this.filled === 0) return;
      const start = this.findHeader();
      if (start !== 0) {
        results.push({ kind: 'error', error: headerError(start) });
        this.consume(start);
        continue;
      }
      if (this.filled < R30X_PREFIX_LENGTH) return;
      let packetLength: number;
      try {
        packetLength = decodeR30xPrefix(this.buffer.subarray(0, this.filled)).packetLength;
      } catch (err) {
        results.push({ kind: 'error', error: err as FingerprintProtocolError });
        this.consume(1); // resynchronise on the next EF 01
        continue;
      }
      if (this.filled < packetLength) return;
      try {
        results.push({ kind: 'packet', packet: decodeR30xPacket(this.buffer.subarray(0, packetLength)) });
      } catch (err) {
        results.push({ kind: 'error', error: err as FingerprintProtocolError });
      }
      this.consume(packetLength);
    }
  }

  /** Offset of the first possible header (a lone trailing EF counts), or `filled` when there is none. */
  private findHeader(): number {
    for (let i = 0; i < this.filled; i++) {
      if (this.buffer[i] !== 0xef) continue;
      if (i + 1 === this.filled || this.buffer[i + 1] === 0x01) return i;
    }
    return this.filled;
  }

  private consume(n: number): void {
    this.buffer.copyWithin(0, n, this.filled);
    this.filled -= n;
  }
}

function headerError(skipped: number): FingerprintProtocolError {
  return new FingerprintProtocolError('R30X_BAD_HEADER', `skipped ${skipped} byte(s) before an EF01 header`, { step: 'r30x.decode' });
}
