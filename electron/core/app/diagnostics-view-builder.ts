// Builds the technician's DiagnosticsView (electron/contract/diagnostics-view.ts) from the running core:
// the kiosk, every device's health, the reader's ATR and last read, the queue, sync, recent errors and
// the config summary. Every value is shaped to the contract (identifiers cleaned, texts cut to their
// bounds) so a device's odd reason or a long detail can never make the view invalid; nothing personal
// enters it (devices, counts, codes and technician text only).

import type { DeviceRegistry, RegisteredDevice } from '../../../native/hal/device-registry.ts';
import type { Logger } from '../../../native/util/logger.ts';
import {
  CONTRACT_VERSION,
  type DeviceView,
  type DiagnosticsView,
  type LocalizedText,
  type QueueView,
  type SelfTestView,
  type SyncView,
} from '../../contract/index.ts';
import { configSummaryEntries, summarizeKioskConfig } from '../config/config-summary.ts';
import type { LoadedKioskConfig } from '../config/load-kiosk-config.ts';
import type { DeviceDiagnosticsReport } from '../diagnostics/diagnostics-report.ts';
import type { CheckInStore } from '../store/check-in-store.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';
import type { ReadTraceRecorder } from './read-trace-recorder.ts';
import { errorCodeOf, truncateText, type RecentErrors } from './recent-errors.ts';

export interface DiagnosticsViewSources {
  readonly config: LoadedKioskConfig;
  readonly appVersion: string;
  readonly startedAt: number;
  readonly registry: DeviceRegistry;
  readonly store: Pick<CheckInStore, 'snapshot'>;
  readonly engine?: Pick<SyncEngine, 'status'>;
  readonly trace: ReadTraceRecorder;
  readonly errors: RecentErrors;
  readonly logger: Logger;
  readonly now: () => number;
}

const MAX_DEVICES = 32;
const MAX_CONFIG_ENTRIES = 100;
const EMPTY_QUEUE: QueueView = Object.freeze({ pending: 0, sending: 0, accepted: 0, rejected: 0, deadLettered: 0, oldestPendingAgeMs: null });

/** Milliseconds since the epoch as the contract takes them (a non-negative integer). */
export const epochMs = (ms: number): number => (Number.isFinite(ms) ? Math.max(0, Math.floor(ms)) : 0);
const duration = (ms: number): number => (Number.isFinite(ms) ? Math.min(86_400_000 * 366, Math.max(0, Math.round(ms * 10) / 10)) : 0);
const count = (n: number): number => (Number.isSafeInteger(n) && n >= 0 ? n : 0);

/** An ISO 8601 time as epoch ms, or null when absent or unreadable. */
function epochOf(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? epochMs(ms) : null;
}

export function deviceViewOf(entry: RegisteredDevice): DeviceView {
  const { health } = entry;
  return {
    id: errorCodeOf(entry.id),
    role: entry.role,
    driver: errorCodeOf(entry.driver),
    required: entry.required,
    state: health.state,
    ...(health.reason === undefined || health.reason === '' ? {} : { reason: errorCodeOf(health.reason) }),
    ...(health.detail === undefined || health.detail === '' ? {} : { detail: truncateText(health.detail, 500) }),
    since: epochMs(health.since),
  };
}

function localized(text: { readonly vi: string; readonly en: string; readonly zh?: string }): LocalizedText {
  return { vi: truncateText(text.vi, 1000), en: truncateText(text.en, 1000), ...(text.zh === undefined ? {} : { zh: truncateText(text.zh, 1000) }) };
}

/** A device's self-test report as the contract shows it (at most 50 steps, bounded texts). */
export function selfTestViewOf(report: DeviceDiagnosticsReport, at: number): SelfTestView {
  const { selfTest } = report;
  return {
    deviceId: errorCodeOf(report.id),
    ok: selfTest.ok,
    totalMs: duration(selfTest.totalMs),
    steps: selfTest.steps.slice(0, 50).map((s) => ({
      name: truncateText(s.name, 100),
      ok: s.ok,
      ms: duration(s.ms),
      ...(s.detail === undefined ? {} : { detail: truncateText(s.detail, 500) }),
    })),
    ...(selfTest.userMessage === undefined ? {} : { userMessage: localized(selfTest.userMessage) }),
    at: epochMs(at),
  };
}

export class DiagnosticsViewBuilder {
  private lastQueue: QueueView = EMPTY_QUEUE;

  constructor(private readonly sources: DiagnosticsViewSources) {}

  /** Queue counts and the oldest unsettled check-in's age. Rejects with the store's error. */
  async queueView(): Promise<QueueView> {
    const snapshot = await this.sources.store.snapshot();
    const { counts } = snapshot;
    this.lastQueue = {
      pending: count(counts.pending),
      sending: count(counts.sending),
      accepted: count(counts.accepted),
      rejected: count(counts.rejected),
      deadLettered: count(counts['dead-lettered']),
      oldestPendingAgeMs: snapshot.oldestPendingAgeMs === null ? null : duration(snapshot.oldestPendingAgeMs),
    };
    return this.lastQueue;
  }

  /** The sync engine's state; without an engine (no central service configured) it is stopped. */
  syncView(): SyncView {
    const status = this.sources.engine?.status;
    if (status === undefined) return { running: false, breaker: 'closed', lastSuccessAt: null, lastError: null };
    const errorAt = epochOf(status.lastError?.at);
    return {
      running: status.running,
      breaker: status.breaker,
      lastSuccessAt: epochOf(status.lastSuccessAt),
      lastError:
        status.lastError === null
          ? null
          : { code: errorCodeOf(status.lastError.code), message: truncateText(status.lastError.message, 500), at: errorAt ?? epochMs(this.sources.now()) },
    };
  }

  devices(): DeviceView[] {
    return this.sources.registry.list().slice(0, MAX_DEVICES).map(deviceViewOf);
  }

  /** The whole view. Never rejects for a store fault: the queue then shows its last known counts. */
  async build(): Promise<DiagnosticsView> {
    const { config, trace, errors } = this.sources;
    let queue: QueueView;
    try {
      queue = await this.queueView();
    } catch (err) {
      this.sources.logger.warn({ event: 'diagnostics-queue-unavailable', error: (err as { code?: unknown }).code ?? (err instanceof Error ? err.name : 'unknown') }, 'queue counts unavailable for the diagnostics view');
      queue = this.lastQueue;
    }
    const atr = trace.atr();
    const lastRead = trace.lastRead();
    return {
      kiosk: {
        kioskId: errorCodeOf(config.config.kiosk.id),
        profile: errorCodeOf(config.config.profile),
        flow: config.config.flow,
        appVersion: truncateText(this.sources.appVersion, 40),
        contractVersion: CONTRACT_VERSION,
        startedAt: epochMs(this.sources.startedAt),
      },
      devices: this.devices(),
      reader: { ...(atr === undefined ? {} : { atr }), ...(lastRead === undefined ? {} : { lastRead }) },
      queue,
      sync: this.syncView(),
      recentErrors: errors.list().slice(0, 50).map((e) => ({ at: epochMs(e.at), code: errorCodeOf(e.code), message: truncateText(e.message, 500) })),
      config: configSummaryEntries(summarizeKioskConfig(config.config))
        .slice(0, MAX_CONFIG_ENTRIES)
        .map(({ key, value }) => ({ key: truncateText(key, 80), value: truncateText(value, 300) })),
    };
  }
}
