import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FingerprintProtocolError} from '../../../../../../native/hal/fingerprint-errors.ts';
import { FingerprintRejectedError } from '../../../../../../native/hal/fingerprint-errors.ts';
import { confirmationError } from '../../../../../../native/drivers/fingerprint/r30x/r30x-confirmation.ts';
import { packR30xImage, R30X_PACKED_IMAGE_LENGTH, unpackR30xImage } from '../../../../../../native/drivers/fingerprint/r30x/r30x-image.ts';
import { R30xConfirmation, R30xInstruction } from '../../../../../../native/drivers/fingerprint/r30x/r30x-instructions.ts';
import { decodeR30xSystemParameters, encodeR30xSystemParameters } from '../../../../../../native/drivers/fingerprint/r30x/r30x-system-parameters.ts';
import { equal, fromHex } from '../../../../../../native/util/bytes.ts';

describe('unpackR30xImage', () => {
  it('expands two pixels per byte, high nibble first, each nibble times 17', () => {
    const packed = new Uint8Array(R30X_PACKED_IMAGE_LENGTH);
    packed[0] = 0xf0;
    packed[1] = 0x18;
    const image = unpackR30xImage(packed);
    expect([image.width, image.height, image.dpi]).toEqual([256, 288, 500]);
    expect([...image.pixels.subarray(0, 4)]).toEqual([255, 0, 17, 136]);
  });

  it('round-trips with packR30xImage on 4-bit data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (seed) => {
        const packed = new Uint8Array(R30X_PACKED_IMAGE_LENGTH).map((_, i) => (i * 31 + seed) & 0xff);
        expect(equal(packR30xImage(unpackR30xImage(packed).pixels), packed)).toBe(true);
      }),
      { numRuns: 10 },
    );
  });

  it('rejects an upload of the wrong size with R30X_BAD_IMAGE_LENGTH', () => {
    expect(() => unpackR30xImage(new Uint8Array(100))).toThrow(expect.objectContaining({ code: 'R30X_BAD_IMAGE_LENGTH' }));
  });
});

describe('decodeR30xSystemParameters', () => {
  // An R307 as shipped: system id 0x0009, 1000 templates, level 3, address FFFFFFFF, 128-byte packets, 57600 bps.
  it('reads the R307 defaults', () => {
    const p = decodeR30xSystemParameters(fromHex('0000 0009 03E8 0003 FFFFFFFF 0002 0006'));
    expect(p).toEqual({ statusRegister: 0, systemId: 9, librarySize: 1000, securityLevel: 3, address: 0xffffffff, packetSize: 128, baudRate: 57600 });
    expect(encodeR30xSystemParameters(p)).toEqual(fromHex('0000 0009 03E8 0003 FFFFFFFF 0002 0006'));
  });

  it('rejects a wrong length, packet size code or baud multiplier', () => {
    for (const hex of ['00', '0000 0009 03E8 0003 FFFFFFFF 0004 0006', '0000 0009 03E8 0003 FFFFFFFF 0002 000D']) {
      expect(() => decodeR30xSystemParameters(fromHex(hex))).toThrow(expect.objectContaining({ code: 'R30X_BAD_SYSTEM_PARAMETERS' }));
    }
  });
});

describe('confirmationError', () => {
  it('turns "image too messy" and "too few features" into rejections a person can act on', () => {
    const messy = confirmationError(R30xConfirmation.IMAGE_MESSY, R30xInstruction.IMG_2_TZ);
    const few = confirmationError(R30xConfirmation.FEATURE_FAIL, R30xInstruction.IMG_2_TZ);
    expect(messy).toBeInstanceOf(FingerprintRejectedError);
    expect([(messy as FingerprintRejectedError).reason, messy.userMessageKey]).toEqual(['TOO_MESSY', 'FINGER_PLACE_AGAIN']);
    expect([(few as FingerprintRejectedError).reason, few.userMessageKey]).toEqual(['TOO_FEW_FEATURES', 'FINGER_PRESS_HARDER']);
    expect(few.userMessage.vi).toContain('ấn mạnh hơn');
  });

  it('keeps the device code and the step on device failures', () => {
    const wrong = confirmationError(R30xConfirmation.PASSWORD_FAIL, R30xInstruction.VFY_PWD) as FingerprintProtocolError;
    expect([wrong.code, wrong.confirmationCode, wrong.step, wrong.userMessageKey]).toEqual(['R30X_WRONG_PASSWORD', 0x13, 'r30x.VFY_PWD', 'FINGERPRINT_UNAVAILABLE']);
    expect(confirmationError(R30xConfirmation.NO_FINGER, R30xInstruction.GEN_IMG).userMessageKey).toBe('FINGER_NOT_DETECTED');
    expect(confirmationError(0x42, R30xInstruction.UP_IMAGE).code).toBe('R30X_DEVICE_ERROR');
  });
});
