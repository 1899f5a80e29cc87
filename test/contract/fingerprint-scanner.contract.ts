// The FingerprintScanner contract (native/hal/fingerprint-scanner.ts), written once and run against every
// path to a scanner: the R30x driver over the simulated module through HID reports (unit tests) and
// through a real serialport on a socat PTY pair (peer tests). No physical scanner is available on the
// build machines; a hardware run would supply a harness whose hands are a technician's.

import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPngResolution } from '../../native/drivers/fingerprint/fingerprint-png.ts';
import type { DeviceHealth } from '../../native/hal/device.ts';
import type { KioskError } from '../../native/hal/errors.ts';
import { DeviceTimeoutError, DeviceUnavailableError } from '../../native/hal/errors.ts';
import { FingerprintRejectedError } from '../../native/hal/fingerprint-errors.ts';
import type { FingerprintScanner } from '../../native/hal/fingerprint-scanner.ts';
import type { FingerCondition } from '../../native/sim/fingerprint/synthetic-fingerprint.ts';

/** The scanner under test and hands on its sensor and its cable. */
export interface FingerprintScannerHarness {
  readonly scanner: FingerprintScanner;
  place(condition: FingerCondition): void;
  lift(): void;
  /** Corrupts the checksum of the next `count` packets the scanner sends. */
  corruptNextPackets(count: number): void;
  /** Makes the scanner drop off its link during the next image upload. */
  disconnectMidUpload(): void;
  /** Plugs the scanner back in after a disconnect, when the path allows it. */
  readonly replug?: () => void;
  close(): Promise<void>;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

export function fingerprintScannerContract(name: string, harness: () => Promise<FingerprintScannerHarness>): void {
  describe(`FingerprintScanner contract (${name})`, () => {
    let h: FingerprintScannerHarness;
    let scanner: FingerprintScanner;

    beforeAll(async () => {
      h = await harness();
      scanner = h.scanner;
    });

    afterAll(async () => {
      scanner?.dispose();
      await h?.close();
    });

    it('opens with the handshake and reports ready with what the device said', async () => {
      await scanner.open();
      expect(scanner.role).toBe('fingerprint');
      expect(scanner.health.state).toBe('ready');
      expect(scanner.health.detail).toMatch(/R30x system id 0x0009/);
    });

    it('captures a finger: place, detect, upload progress, lift, and a 500 dpi grayscale PNG', async () => {
      const events: string[] = [];
      const states: DeviceHealth['state'][] = [];
      let lastProgress = { bytes: 0, total: 0 };
      const subscriptions = [
        scanner.onDidRequestPlace(() => {
          events.push('place');
          h.place('good');
        }),
        scanner.onDidDetectFinger(() => events.push('detect')),
        scanner.onDidProgress((p) => {
          if (events.at(-1) !== 'progress') events.push('progress');
          lastProgress = p;
        }),
        scanner.onDidRequestLift(() => events.push('lift')),
        scanner.onDidChangeHealth((health) => states.push(health.state)),
      ];
      try {
        const capture = await scanner.capture({ timeoutMs: 5000 });
        expect(events).toEqual(['place', 'detect', 'progress', 'lift']);
        expect(lastProgress).toEqual({ bytes: 36864, total: 36864 });
        expect(states).toEqual(['busy', 'ready']);
        expect(scanner.health.state).toBe('ready');
        expect(capture.quality.rejectReason).toBeUndefined();
        expect(capture.quality.score).toBeGreaterThanOrEqual(80);
        expect(capture.template).toBeUndefined();
        expect(readPngResolution(capture.png)).toEqual({ width: 256, height: 288, bitDepth: 8, colorType: 0, dpi: 500 });
        const decoded = PNG.sync.read(Buffer.from(capture.png));
        expect([decoded.width, decoded.height]).toEqual([capture.image.width, capture.image.height]);
        expect(decoded.data[0]).toBe(capture.image.pixels[0]);
      } finally {
        for (const s of subscriptions) s.dispose();
        h.lift();
      }
    });

    it('uploads the scanner\'s feature template when asked', async () => {
      h.place('good');
      try {
        const capture = await scanner.capture({ timeoutMs: 5000, includeTemplate: true });
        expect(capture.template?.length).toBe(512);
      } finally {
        h.lift();
      }
    });

    it('rejects with DeviceTimeoutError (FINGER_NOT_DETECTED) when no finger comes, and stays ready', async () => {
      const error = await rejection(scanner.capture({ timeoutMs: 250 }));
      expect(error).toBeInstanceOf(DeviceTimeoutError);
      expect(error).toMatchObject({ code: 'TIMEOUT', userMessageKey: 'FINGER_NOT_DETECTED', step: 'fingerprint.waitForFinger' });
      expect(scanner.health.state).toBe('ready');
    });

    it('rejects a too-light image as TOO_DRY and a partial one as PARTIAL, telling the person what to do', async () => {
      const expectations: [FingerCondition, string, string][] = [
        ['dry', 'TOO_DRY', 'FINGER_TOO_DRY'],
        ['partial', 'PARTIAL', 'FINGER_PRESS_HARDER'],
        ['wet', 'TOO_WET', 'FINGER_TOO_WET'],
        ['smudged', 'TOO_MESSY', 'FINGER_PLACE_AGAIN'],
      ];
      for (const [condition, reason, message] of expectations) {
        h.place(condition);
        const error = await rejection(scanner.capture({ timeoutMs: 5000 }));
        h.lift();
        expect(error).toBeInstanceOf(FingerprintRejectedError);
        expect(error).toMatchObject({ code: 'FINGERPRINT_REJECTED', reason, userMessageKey: message });
        expect((error as FingerprintRejectedError).quality?.rejectReason).toBe(reason);
        const text = (error as KioskError).userMessage;
        expect([text.vi.length > 0, text.en.length > 0, text.zh.length > 0]).toEqual([true, true, true]);
      }
      expect(scanner.health.state).toBe('ready');
    });

    it('refuses a second capture while one runs with FINGERPRINT_BUSY', async () => {
      const first = scanner.capture({ timeoutMs: 400 });
      const second = await rejection(scanner.capture({ timeoutMs: 400 }));
      expect(second).toMatchObject({ code: 'FINGERPRINT_BUSY' });
      await rejection(first);
    });

    it('stops waiting with CAPTURE_CANCELLED when the signal fires', async () => {
      const controller = new AbortController();
      const once = scanner.onDidRequestPlace(() => setTimeout(() => controller.abort(), 20));
      const error = await rejection(scanner.capture({ timeoutMs: 10_000, signal: controller.signal }));
      once.dispose();
      expect(error).toMatchObject({ code: 'CAPTURE_CANCELLED' });
      expect(scanner.health.state).toBe('ready');
    });

    it('retries through a corrupt packet and still captures', async () => {
      h.place('good');
      h.corruptNextPackets(1);
      try {
        const capture = await scanner.capture({ timeoutMs: 5000 });
        expect(capture.quality.rejectReason).toBeUndefined();
        expect(scanner.health.state).toBe('ready');
      } finally {
        h.lift();
      }
    });

    it('self-tests with the handshake and one capture, with timings', async () => {
      const result = await scanner.selfTest();
      expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
        ['handshake', true],
        ['capture', true],
      ]);
      expect(result.ok).toBe(true);
      expect(result.userMessage).toBeUndefined();
      expect(result.steps.every((s) => Number.isFinite(s.ms) && s.ms >= 0)).toBe(true);
      expect(result.steps[1]!.detail).toMatch(/256x288 at 500 dpi/);
    });

    it('rejects with FINGERPRINT_DISCONNECTED and reports absent when the device drops off mid-upload', async () => {
      const states: DeviceHealth[] = [];
      const sub = scanner.onDidChangeHealth((health) => states.push(health));
      h.place('good');
      h.disconnectMidUpload();
      const error = await rejection(scanner.capture({ timeoutMs: 5000 }));
      sub.dispose();
      h.lift();
      expect(error).toBeInstanceOf(DeviceUnavailableError);
      expect(error).toMatchObject({ code: 'FINGERPRINT_DISCONNECTED', userMessageKey: 'FINGERPRINT_UNAVAILABLE' });
      expect(scanner.health).toMatchObject({ state: 'absent', reason: 'DISCONNECTED' });
      expect(states.map((s) => s.state)).toEqual(['busy', 'absent']);
      const selfTest = await scanner.selfTest();
      expect(selfTest.ok).toBe(false);
      expect(selfTest.userMessage?.en).toMatch(/fingerprint scanner is not ready/);
    });

    it('reconnects when the device is plugged back in, without a new scanner object', async () => {
      if (!h.replug) {
        // The path cannot replug (a serial PTY pair is gone once hung up); absent must persist.
        await expect(scanner.open()).rejects.toBeInstanceOf(DeviceUnavailableError);
        expect(scanner.health.state).toBe('absent');
        return;
      }
      await expect(scanner.open()).rejects.toBeInstanceOf(DeviceUnavailableError);
      h.replug();
      await scanner.open();
      expect(scanner.health.state).toBe('ready');
      h.place('good');
      try {
        expect((await scanner.capture({ timeoutMs: 5000 })).quality.rejectReason).toBeUndefined();
      } finally {
        h.lift();
      }
    });
  });
}
