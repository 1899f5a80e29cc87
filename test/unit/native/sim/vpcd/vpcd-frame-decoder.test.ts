import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeVpcdFrame, VPCD_MAX_PAYLOAD, VpcdFrameDecoder } from '../../../../../native/sim/vpcd/vpcd-frame-decoder.ts';
import { concat, fromHex } from '../../../../../native/util/bytes.ts';

describe('VpcdFrameDecoder', () => {
  describe('push', () => {
    it('decodes a control frame and an APDU frame delivered together', () => {
      const decoder = new VpcdFrameDecoder();
      expect(decoder.push(fromHex('000104' + '000500A4040C00'))).toEqual([fromHex('04'), fromHex('00A4040C00')]);
      expect(decoder.pendingBytes).toBe(0);
    });

    it('waits for the payload when vpcd writes the length and the payload separately', () => {
      const decoder = new VpcdFrameDecoder();
      expect(decoder.push(fromHex('0005'))).toEqual([]);
      expect(decoder.pendingBytes).toBe(2);
      expect(decoder.push(fromHex('00A404'))).toEqual([]);
      expect(decoder.push(fromHex('0C00'))).toEqual([fromHex('00A4040C00')]);
    });

    it('reassembles any sequence of frames however the stream is cut', () => {
      const payload = fc.uint8Array({ minLength: 1, maxLength: 600 });
      fc.assert(
        fc.property(fc.array(payload, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), (payloads, cuts) => {
          const stream = concat(...payloads.map(encodeVpcdFrame));
          const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b);
          const decoder = new VpcdFrameDecoder();
          const frames: Uint8Array[] = [];
          let start = 0;
          for (const point of [...points, stream.length]) {
            frames.push(...decoder.push(stream.subarray(start, point)));
            start = point;
          }
          expect(frames).toEqual(payloads);
          expect(decoder.pendingBytes).toBe(0);
        }),
      );
    });

    it('returns copies that later input cannot overwrite', () => {
      const decoder = new VpcdFrameDecoder();
      const chunk = fromHex('0002AABB');
      const [frame] = decoder.push(chunk);
      chunk.fill(0);
      expect(frame).toEqual(fromHex('AABB'));
    });
  });
});

describe('encodeVpcdFrame', () => {
  it('prefixes the big-endian length', () => {
    expect(encodeVpcdFrame(new Uint8Array(0x0102))).toEqual(concat(fromHex('0102'), new Uint8Array(0x0102)));
  });

  it('refuses a payload a 2-byte length cannot announce', () => {
    expect(() => encodeVpcdFrame(new Uint8Array(VPCD_MAX_PAYLOAD + 1))).toThrow(/exceeds/);
  });
});
