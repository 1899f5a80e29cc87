// The FingerprintScanner of every protocol family and transport: it opens a ByteLink, runs the family's
// session over it, and turns the session's steps into the capture API (events, timeout, quality,
// PNG). Health follows the link: `absent` until open and after a disconnect, `busy` while capturing,
// `faulted` when the device answers but cannot be used.

import type { DeviceHealth, DeviceState, SelfTestResult, SelfTestStep } from '../../hal/device.ts';
import { DeviceTimeoutError, DeviceUnavailableError, KioskError } from '../../hal/errors.ts';
import { Emitter, type Disposable } from '../../hal/event.ts';
import { captureCancelledError, FingerprintRejectedError, fingerNotDetectedError, scannerBusyError, scannerGoneError } from '../../hal/fingerprint-errors.ts';
import type { CaptureOptions, FingerprintCapture, FingerprintScanner, UploadProgress } from '../../hal/fingerprint-scanner.ts';
import { silentLogger, type Logger } from '../../util/logger.ts';
import type { ByteLink, ByteLinkOpener } from './byte-link.ts';
import type { FingerprintFamily, FingerprintFamilyOptions, FingerprintSession } from './fingerprint-family.ts';
import { encodeFingerprintPng } from './fingerprint-png.ts';
import { assessFingerprintQuality, DEFAULT_QUALITY_THRESHOLDS, type QualityThresholds } from './fingerprint-quality.ts';

export interface ProtocolFingerprintScannerOptions {
  readonly id: string;
  /** Driver name reported to diagnostics, e.g. `r30x-hid`. */
  readonly driver: string;
  readonly family: FingerprintFamily;
  readonly familyOptions: FingerprintFamilyOptions;
  readonly openLink: ByteLinkOpener;
  /** Pause between finger polls (each poll is one GenImg round trip). Default 50 ms. */
  readonly pollIntervalMs?: number;
  /** How long the self-test waits for a finger. Default 10 s. */
  readonly selfTestTimeoutMs?: number;
  readonly qualityThresholds?: QualityThresholds;
  /**
   * Called when the self-test starts waiting for a finger. The simulator places one here; on real
   * hardware it is undefined and the technician places a finger when `onDidRequestPlace` fires.
   */
  readonly beforeSelfTestCapture?: () => void;
  readonly logger?: Logger;
}

/** Codes that mean the device answers but something is wrong with it, not with the finger. */
const FAULT_CODES = new Set(['R30X_WRONG_PASSWORD', 'R30X_BAD_CHECKSUM', 'R30X_BAD_HEADER', 'R30X_BAD_LENGTH', 'R30X_BAD_PACKET_ID', 'R30X_FRAGMENT_TIMEOUT', 'R30X_PACKET_RECEIVE_ERROR', 'R30X_DEVICE_ERROR', 'R30X_UNEXPECTED_PACKET', 'R30X_DATA_OVERFLOW', 'R30X_ADDRESS_MISMATCH', 'R30X_BAD_SYSTEM_PARAMETERS', 'R30X_BAD_IMAGE_LENGTH']);

export class ProtocolFingerprintScanner implements FingerprintScanner {
  readonly role = 'fingerprint' as const;
  readonly id: string;
  readonly driver: string;
  private currentHealth: DeviceHealth = Object.freeze({ state: 'absent', reason: 'NOT_CONNECTED', since: Date.now() });
  private readonly healthChanged = new Emitter<DeviceHealth>();
  private readonly placeRequested = new Emitter<void>();
  private readonly fingerDetected = new Emitter<void>();
  private readonly liftRequested = new Emitter<void>();
  private readonly progressed = new Emitter<UploadProgress>();
  private link: ByteLink | undefined;
  private session: FingerprintSession | undefined;
  private linkSubscription: Disposable | undefined;
  private opening: Promise<void> | undefined;
  private active = false;
  private disposed = false;
  private readonly log: Logger;

  readonly onDidChangeHealth = this.healthChanged.event;
  readonly onDidRequestPlace = this.placeRequested.event;
  readonly onDidDetectFinger = this.fingerDetected.event;
  readonly onDidRequestLift = this.liftRequested.event;
  readonly onDidProgress = this.progressed.event;

  constructor(private readonly options: ProtocolFingerprintScannerOptions) {
    this.id = options.id;
    this.driver = options.driver;
    this.log = options.logger ?? silentLogger();
  }

  get health(): DeviceHealth {
    return this.currentHealth;
  }

  /** Corrupt packets seen and commands retried, for diagnostics. */
  get stats(): { readonly corruptPackets: number; readonly retries: number } {
    return this.session?.stats ?? { corruptPackets: 0, retries: 0 };
  }

  open(): Promise<void> {
    if (this.disposed) return Promise.reject(scannerGoneError(this.id, 'fingerprint.open'));
    if (this.session) return Promise.resolve();
    this.opening ??= this.connect().finally(() => (this.opening = undefined));
    return this.opening;
  }

  async capture(options: CaptureOptions): Promise<FingerprintCapture> {
    if (this.active) throw scannerBusyError(this.id);
    this.active = true;
    try {
      await this.open();
      return await this.busy(() => this.captureOnce(options));
    } finally {
      this.active = false;
    }
  }

  async selfTest(): Promise<SelfTestResult> {
    const started = performance.now();
    const steps: SelfTestStep[] = [];
    let failure: KioskError | undefined;
    const step = async (name: string, run: () => Promise<string | undefined>) => {
      if (failure) return;
      const t = performance.now();
      try {
        const detail = await run();
        steps.push(Object.freeze({ name, ok: true, ms: elapsed(t), ...(detail ? { detail } : {}) }));
      } catch (err) {
        failure = err instanceof KioskError ? err : new KioskError('INTERNAL', String(err), { cause: err });
        steps.push(Object.freeze({ name, ok: false, ms: elapsed(t), detail: `${failure.code}: ${failure.message}` }));
      }
    };
    if (this.active) {
      failure = scannerBusyError(this.id);
      steps.push(Object.freeze({ name: 'handshake', ok: false, ms: 0, detail: `${failure.code}: ${failure.message}` }));
    } else {
      this.active = true;
      try {
        await step('handshake', async () => {
          await this.open();
          return this.currentHealth.detail;
        });
        await step('capture', () =>
          this.busy(async () => {
            this.options.beforeSelfTestCapture?.();
            const capture = await this.captureOnce({ timeoutMs: this.options.selfTestTimeoutMs ?? 10_000 });
            return `${capture.image.width}x${capture.image.height} at ${capture.image.dpi} dpi, quality ${capture.quality.score}, PNG ${capture.png.length} B, upload ${capture.timings.uploadMs} ms`;
          }),
        );
      } finally {
        this.active = false;
      }
    }
    return Object.freeze({
      ok: failure === undefined,
      steps: Object.freeze(steps),
      totalMs: elapsed(started),
      ...(failure ? { userMessage: failure.userMessage } : {}),
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dropLink();
    this.setHealth('absent', 'DISPOSED');
    for (const e of [this.healthChanged, this.placeRequested, this.fingerDetected, this.liftRequested, this.progressed]) e.dispose();
  }

  private async connect(): Promise<void> {
    let link: ByteLink;
    try {
      link = await this.options.openLink();
    } catch (err) {
      this.setHealth('absent', 'NOT_CONNECTED', err instanceof Error ? err.message : String(err));
      throw err instanceof KioskError ? err : scannerGoneError(this.id, 'fingerprint.open', err);
    }
    if (this.disposed) {
      await link.close();
      throw scannerGoneError(this.id, 'fingerprint.open');
    }
    const session = this.options.family.createSession(link, this.options.familyOptions);
    this.link = link;
    this.linkSubscription = link.onDidDisconnect((cause) => {
      this.log.warn({ device: this.id, err: cause.message }, 'fingerprint scanner disconnected');
      this.dropLink();
      this.setHealth('absent', 'DISCONNECTED', cause.message);
    });
    try {
      const info = await session.handshake();
      this.session = session;
      this.setHealth('ready', undefined, `${link.name}: ${info.detail}`);
    } catch (err) {
      this.dropLink(session);
      this.noteFailure(err);
      throw err;
    }
  }

  private async captureOnce(options: CaptureOptions): Promise<FingerprintCapture> {
    const session = this.session;
    if (!session) throw scannerGoneError(this.id, 'fingerprint.capture');
    const { signal } = options;
    const started = performance.now();
    try {
      this.placeRequested.fire();
      await session.indicate('waiting');
      for (;;) {
        if (signal?.aborted) throw captureCancelledError(signal.reason);
        if (await session.detectFinger()) break;
        if (performance.now() - started >= options.timeoutMs) throw fingerNotDetectedError(options.timeoutMs);
        await sleep(Math.min(this.options.pollIntervalMs ?? 50, Math.max(0, options.timeoutMs - (performance.now() - started))), signal);
      }
      const waitMs = elapsed(started);
      this.fingerDetected.fire();
      await session.indicate('capturing');
      const uploadStarted = performance.now();
      const image = await session.uploadImage((p) => this.progressed.fire(p));
      const uploadMs = elapsed(uploadStarted);
      this.liftRequested.fire();
      if (signal?.aborted) throw captureCancelledError(signal.reason);
      const convertStarted = performance.now();
      const quality = assessFingerprintQuality(image, this.options.qualityThresholds ?? DEFAULT_QUALITY_THRESHOLDS);
      if (quality.rejectReason) throw new FingerprintRejectedError(quality.rejectReason, quality);
      try {
        await session.checkFeatures();
      } catch (err) {
        if (err instanceof FingerprintRejectedError) throw new FingerprintRejectedError(err.reason, quality, { step: err.step, cause: err });
        throw err;
      }
      const template = options.includeTemplate ? await session.uploadTemplate() : undefined;
      const png = encodeFingerprintPng(image);
      const convertMs = elapsed(convertStarted);
      await session.indicate('success');
      this.noteSuccess();
      return Object.freeze({ image, png, quality, template, timings: Object.freeze({ waitMs, uploadMs, convertMs }) });
    } catch (err) {
      if (err instanceof FingerprintRejectedError) await session.indicate('failure').catch(() => undefined);
      this.noteFailure(err);
      throw err;
    }
  }

  /** Marks the device busy while `run` runs, then ready again if nothing else changed the state. */
  private async busy<T>(run: () => Promise<T>): Promise<T> {
    this.setHealth('busy', undefined, this.currentHealth.detail);
    try {
      return await run();
    } finally {
      if (this.currentHealth.state === 'busy') this.setHealth('ready', undefined, this.currentHealth.detail);
    }
  }

  private noteSuccess(): void {
    if (this.currentHealth.state === 'faulted') this.setHealth('ready', undefined, this.link?.name);
  }

  /** Maps a failure to health: the link lost -> absent; the device misbehaving -> faulted. */
  private noteFailure(err: unknown): void {
    if (!(err instanceof KioskError)) return;
    if (err instanceof DeviceUnavailableError) {
      this.dropLink();
      if (this.currentHealth.state !== 'absent') this.setHealth('absent', 'DISCONNECTED', err.message);
    } else if (err instanceof DeviceTimeoutError && err.userMessageKey !== 'FINGER_NOT_DETECTED') {
      // The device stopped answering: drop the session so the next open() re-runs the handshake.
      this.dropLink();
      this.setHealth('faulted', 'NO_ANSWER', err.message);
    } else if (FAULT_CODES.has(err.code)) {
      if (err.code === 'R30X_WRONG_PASSWORD') this.dropLink();
      this.setHealth('faulted', err.code === 'R30X_WRONG_PASSWORD' ? 'WRONG_PASSWORD' : 'PROTOCOL_ERRORS', err.message);
    }
  }

  private dropLink(session = this.session): void {
    this.linkSubscription?.dispose();
    this.linkSubscription = undefined;
    session?.dispose();
    this.session = undefined;
    const link = this.link;
    this.link = undefined;
    void link?.close();
  }

  private setHealth(state: DeviceState, reason?: string, detail?: string): void {
    const h = this.currentHealth;
    if (h.state === state && h.reason === reason && h.detail === detail) return;
    this.currentHealth = Object.freeze({ state, since: Date.now(), ...(reason ? { reason } : {}), ...(detail ? { detail } : {}) });
    this.healthChanged.fire(this.currentHealth);
  }
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(captureCancelledError(signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(captureCancelledError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

