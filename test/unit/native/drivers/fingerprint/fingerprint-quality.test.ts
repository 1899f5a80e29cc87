import { describe, expect, it } from 'vitest';
import { assessFingerprintQuality } from '../../../../../native/drivers/fingerprint/fingerprint-quality.ts';
import { packR30xImage, unpackR30xImage } from '../../../../../native/drivers/fingerprint/r30x/r30x-image.ts';
import type { FingerprintImage } from '../../../../../native/hal/fingerprint-scanner.ts';
import { syntheticFingerprint, type FingerCondition } from '../../../../../native/sim/fingerprint/synthetic-fingerprint.ts';

/** As the host sees it: generated, then through the sensor's 4-bit upload. */
function sensed(condition: FingerCondition, seed = 1): FingerprintImage {
  return unpackR30xImage(packR30xImage(syntheticFingerprint({ width: 256, height: 288, condition, seed })));
}

describe('assessFingerprintQuality', () => {
  it('accepts a full, clear print with a high score', () => {
    for (const seed of [1, 2, 3]) {
      const q = assessFingerprintQuality(sensed('good', seed));
      expect(q.rejectReason).toBeUndefined();
      expect(q.score).toBeGreaterThanOrEqual(85);
      expect(q.coverage).toBeGreaterThan(0.6);
      expect(q.coherence).toBeGreaterThan(0.8);
    }
  });

  it('rejects a small contact area as PARTIAL (press harder)', () => {
    const q = assessFingerprintQuality(sensed('partial'));
    expect(q.rejectReason).toBe('PARTIAL');
    expect(q.coverage).toBeLessThan(0.4);
  });

  it('rejects a too-light, faint print as TOO_DRY', () => {
    const q = assessFingerprintQuality(sensed('dry'));
    expect(q.rejectReason).toBe('TOO_DRY');
    expect(q.brightness).toBeGreaterThan(0.5);
    expect(q.contrast).toBeLessThan(0.3);
  });

  it('rejects a dark, smeared print as TOO_WET', () => {
    const q = assessFingerprintQuality(sensed('wet'));
    expect(q.rejectReason).toBe('TOO_WET');
    expect(q.brightness).toBeLessThan(0.5);
  });

  it('rejects ridges without a direction as TOO_MESSY', () => {
    const q = assessFingerprintQuality(sensed('smudged'));
    expect(q.rejectReason).toBe('TOO_MESSY');
    expect(q.coherence).toBeLessThan(0.4);
  });

  it('rates an empty sensor as PARTIAL with zero coverage', () => {
    const q = assessFingerprintQuality({ width: 256, height: 288, dpi: 500, pixels: new Uint8Array(256 * 288).fill(238) });
    expect([q.rejectReason, q.coverage, q.score]).toEqual(['PARTIAL', 0, 0]);
  });
});
