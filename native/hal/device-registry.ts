// The kiosk's devices, built from config, kept connected and reported. The registry owns every device:
// it opens each one, re-fires health changes, reopens an absent device with capped, jittered
// exponential backoff (an unplugged scanner comes back without restarting the kiosk), and hands a flow
// a device only when it is ready (`requireReady`), else a typed error with the person's message and
// the technician's cause. Built by the composition root (electron/core/devices), which supplies `create`.

import { backoffDelayMs, type BackoffOptions } from './backoff.ts';
import type { CardReaderDevice } from './card-reader-device.ts';
import type { DeviceConfig } from './device-config.ts';
import type { Device, DeviceHealth, DeviceRole } from './device.ts';
import { DeviceNotReadyError, roleUserMessage, userMessageFor } from './device-not-ready.ts';
import { DeviceUnavailableError, KioskError } from './errors.ts';
import { Emitter, type Disposable, type Event } from './event.ts';
import type { DocumentScanner } from './document-scanner.ts';
import type { FingerprintScanner } from './fingerprint-scanner.ts';
import type { Gate } from './gate.ts';
import type { Printer } from './printer.ts';

/** What `requireReady(role)` returns for each role. */
export interface DevicesByRole {
  readonly cardReader: CardReaderDevice;
  readonly fingerprint: FingerprintScanner;
  readonly documentScanner: DocumentScanner;
  readonly printer: Printer;
  readonly gate: Gate;
}

/** One configured device as the registry sees it. */
export interface RegisteredDevice {
  readonly config: DeviceConfig;
  readonly id: string;
  readonly role: DeviceRole;
  readonly driver: string;
  readonly required: boolean;
  /** Undefined when the device could not be built (unknown driver, bad options); `health` says why. */
  readonly device: Device | undefined;
  readonly health: DeviceHealth;
  /** The next reconnect attempt, while one is scheduled. */
  readonly reconnect: { readonly attempt: number; readonly atMs: number } | undefined;
}

export interface DeviceHealthChange {
  readonly id: string;
  readonly role: DeviceRole;
  readonly required: boolean;
  readonly previous: DeviceHealth;
  readonly health: DeviceHealth;
}

/** Logger methods the registry uses (pino fits). Never given personal data. */
export interface RegistryLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface DeviceRegistryOptions {
  readonly devices: readonly DeviceConfig[];
  /** Builds one device from its config (the factory table). May throw a KioskError. */
  readonly create: (config: DeviceConfig) => Device | Promise<Device>;
  readonly backoff?: BackoffOptions;
  /** [0, 1) source for the backoff jitter (default Math.random). */
  readonly random?: () => number;
  readonly now?: () => number;
  readonly logger?: RegistryLogger;
  /** `start()` resolves after this long even if a first open has not settled (default 15 s). */
  readonly startTimeoutMs?: number;
}

interface Entry {
  readonly config: DeviceConfig;
  device: Device | undefined;
  health: DeviceHealth;
  attempt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  reconnectAt: number | undefined;
  opening: boolean;
  subscription: Disposable | undefined;
}

const silent: RegistryLogger = { info: () => undefined, warn: () => undefined };

export class DeviceRegistry implements Disposable {
  private readonly entries: Entry[];
  private readonly changed = new Emitter<DeviceHealthChange>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly logger: RegistryLogger;
  private starting: Promise<void> | undefined;
  private disposed = false;

  /** Fires whenever a device's state, reason or detail changes. */
  readonly onDidChangeHealth: Event<DeviceHealthChange> = this.changed.event;

  constructor(private readonly options: DeviceRegistryOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? silent;
    this.entries = options.devices.map((config) => ({
      config,
      device: undefined,
      health: Object.freeze({ state: 'absent', reason: 'NOT_STARTED', since: this.now() }),
      attempt: 0,
      timer: undefined,
      reconnectAt: undefined,
      opening: false,
      subscription: undefined,
    }));
  }

  /**
   * Builds every device and makes a first attempt to open each. Resolves when every first attempt has
   * settled, or after `startTimeoutMs` (a device whose open hangs keeps its state and goes on in the
   * background); a device that did not open is retried in the background. Idempotent; never rejects.
   */
  start(): Promise<void> {
    this.starting ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        const pending = this.entries.filter((e) => e.opening || e.device === undefined).map((e) => e.config.id);
        this.logger.warn({ devices: pending }, 'devices still opening at the end of start');
        resolve();
      }, this.options.startTimeoutMs ?? 15_000);
      (timer as { unref?: () => void }).unref?.();
      void Promise.all(this.entries.map((entry) => this.build(entry))).then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.starting;
  }

  /** Every configured device, in config order. */
  list(): readonly RegisteredDevice[] {
    return this.entries.map((entry) => this.snapshot(entry));
  }

  get(id: string): RegisteredDevice | undefined {
    const entry = this.entries.find((e) => e.config.id === id);
    return entry && this.snapshot(entry);
  }

  /**
   * The first ready device of `role`, in config order. Throws DeviceNotReadyError: `DEVICE_NOT_CONFIGURED`
   * when the config has none, `DEVICE_BUSY` when the best one is busy, `DEVICE_NOT_READY` otherwise; its
   * `userMessage` is for the person (e.g. PRINTER_PAPER_OUT) and its `message` names the device and cause.
   */
  requireReady<R extends DeviceRole>(role: R): DevicesByRole[R] {
    const candidates = this.entries.filter((e) => e.config.role === role);
    const ready = candidates.find((e) => e.device !== undefined && e.health.state === 'ready');
    if (ready) return ready.device as DevicesByRole[R];
    if (candidates.length === 0) {
      throw new DeviceNotReadyError(role, undefined, undefined, `no ${role} device is configured`, roleUserMessage(role));
    }
    // Report the most useful one: a busy device first (it will come back), then a required one.
    const best = candidates.find((e) => e.health.state === 'busy') ?? candidates.find((e) => e.config.required) ?? candidates[0]!;
    const { health, config } = best;
    const cause = `${health.state}${health.reason ? `: ${health.reason}` : ''}${health.detail ? ` (${health.detail})` : ''}`;
    const message = `${role} '${config.id}' (${config.driver}) is ${cause} since ${new Date(health.since).toISOString()}`;
    throw new DeviceNotReadyError(role, config.id, health, message, userMessageFor(role, health));
  }

  /** Tries to reopen `id` now (a technician's "retry"), resetting its backoff. */
  reconnectNow(id: string): Promise<void> {
    const entry = this.entries.find((e) => e.config.id === id);
    if (!entry?.device || this.disposed) return Promise.resolve();
    this.cancelReconnect(entry);
    entry.attempt = 0;
    return this.connect(entry);
  }

  /** Cancels every retry, stops listening and disposes every device. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const entry of this.entries) {
      this.cancelReconnect(entry);
      entry.subscription?.dispose();
      try {
        entry.device?.dispose();
      } catch (err) {
        this.logger.warn({ device: entry.config.id, error: errorCode(err) }, 'device dispose failed');
      }
    }
    this.changed.dispose();
  }

  private async build(entry: Entry): Promise<void> {
    let device: Device;
    try {
      device = await this.options.create(entry.config);
    } catch (err) {
      this.setHealth(entry, { state: 'faulted', reason: errorCode(err) ?? 'CREATE_FAILED', detail: errorMessage(err), since: this.now() });
      this.logger.warn({ device: entry.config.id, error: errorCode(err) }, 'device could not be built');
      return;
    }
    if (this.disposed) {
      device.dispose();
      return;
    }
    entry.device = device;
    entry.subscription = device.onDidChangeHealth((health) => this.onDeviceHealth(entry, health));
    this.setHealth(entry, device.health);
    await this.connect(entry);
  }

  private onDeviceHealth(entry: Entry, health: DeviceHealth): void {
    if (this.disposed) return;
    this.setHealth(entry, health);
    if (health.state === 'ready') {
      // The device came back by itself (e.g. hot-plug seen by its driver): no retry needed.
      this.cancelReconnect(entry);
      entry.attempt = 0;
    } else if (health.state === 'absent' && !entry.opening && entry.timer === undefined) {
      this.logger.warn({ device: entry.config.id, reason: health.reason }, 'device lost; reconnecting');
      this.scheduleReconnect(entry);
    }
  }

  private async connect(entry: Entry): Promise<void> {
    const device = entry.device;
    if (device === undefined || this.disposed || entry.opening) return;
    entry.opening = true;
    const before = device.health;
    try {
      await device.open();
      if (this.disposed) return;
      entry.attempt = 0;
      this.setHealth(entry, device.health);
      this.logger.info({ device: entry.config.id, state: device.health.state }, 'device opened');
    } catch (err) {
      if (this.disposed) return;
      const own = device.health;
      // Trust the device's own account when it gave one during this open (and it is not "usable");
      // otherwise the error says why.
      if (own !== before && own.state !== 'ready' && own.state !== 'busy') {
        this.setHealth(entry, own);
      } else {
        const state = err instanceof DeviceUnavailableError ? 'absent' : 'faulted';
        this.setHealth(entry, { state, reason: errorCode(err) ?? 'OPEN_FAILED', detail: errorMessage(err), since: this.now() });
      }
      this.scheduleReconnect(entry);
    } finally {
      entry.opening = false;
    }
  }

  private scheduleReconnect(entry: Entry): void {
    if (this.disposed || entry.timer !== undefined) return;
    const delay = backoffDelayMs(entry.attempt, this.options.backoff, this.random);
    entry.attempt += 1;
    entry.reconnectAt = this.now() + delay;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.reconnectAt = undefined;
      void this.connect(entry);
    }, delay);
    // Retries alone must not keep a command-line process alive.
    (entry.timer as { unref?: () => void }).unref?.();
  }

  private cancelReconnect(entry: Entry): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.reconnectAt = undefined;
  }

  private setHealth(entry: Entry, health: DeviceHealth): void {
    const previous = entry.health;
    if (previous.state === health.state && previous.reason === health.reason && previous.detail === health.detail) return;
    entry.health = Object.freeze({ ...health });
    const { id, role, required } = entry.config;
    this.changed.fire(Object.freeze({ id, role, required, previous, health: entry.health }));
  }

  private snapshot(entry: Entry): RegisteredDevice {
    const { config } = entry;
    return Object.freeze({
      config,
      id: config.id,
      role: config.role,
      driver: config.driver,
      required: config.required,
      device: entry.device,
      health: entry.health,
      reconnect: entry.reconnectAt === undefined ? undefined : Object.freeze({ attempt: entry.attempt, atMs: entry.reconnectAt }),
    });
  }
}

function errorCode(err: unknown): string | undefined {
  return err instanceof KioskError ? err.code : undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
