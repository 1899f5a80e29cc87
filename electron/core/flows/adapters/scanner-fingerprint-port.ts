// The FingerprintPort of the flows over a FingerprintScanner: one capture with the scanner's own timeout
// and cancellation, its place / detect / lift events reported as the phases a screen animates.

import type { FingerprintScanner } from '../../../../native/hal/fingerprint-scanner.ts';
import type { FingerPhase, FingerprintPort, FingerprintSample } from '../ports.ts';

export class ScannerFingerprintPort implements FingerprintPort {
  constructor(private readonly scanner: Pick<FingerprintScanner, 'capture' | 'onDidRequestPlace' | 'onDidDetectFinger' | 'onDidRequestLift'>) {}

  async capture(request: { readonly timeoutMs: number; readonly signal: AbortSignal; readonly onPhase: (phase: FingerPhase) => void }): Promise<FingerprintSample> {
    const subscriptions = [
      this.scanner.onDidRequestPlace(() => request.onPhase('place')),
      this.scanner.onDidDetectFinger(() => request.onPhase('hold')),
      this.scanner.onDidRequestLift(() => request.onPhase('lift')),
    ];
    try {
      const capture = await this.scanner.capture({ timeoutMs: request.timeoutMs, signal: request.signal });
      return Object.freeze({ png: capture.png, qualityScore: capture.quality.score, template: capture.template });
    } finally {
      for (const s of subscriptions) s.dispose();
    }
  }
}
