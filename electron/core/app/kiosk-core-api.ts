// The running kiosk core as its users see it: the browser shell (`kiosk start`), the core child process
// of the Electron shell, the end-to-end tests and the benches. `startKioskCore` (./start-kiosk-core.ts)
// is the composition root: config -> device registry -> card stack -> flows -> store + sync -> host.

import type { CentralSimulator } from '../../../native/sim/central/central-simulator.ts';
import type { Logger } from '../../../native/util/logger.ts';
import type { LoadedKioskConfig } from '../config/load-kiosk-config.ts';
import type { CheckInStore } from '../store/check-in-store.ts';
import type { SafeStorageLike } from '../store/safe-storage-key-provider.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';

export interface StartKioskCoreOptions {
  /** The validated config (loadKioskConfig / loadStartupConfig). */
  readonly config: LoadedKioskConfig;
  /** The built renderer folder the host serves (default: `<repository>/out/renderer`). */
  readonly rendererDir?: string;
  /** Loopback port of the host; 0 picks a free one (default: the config's `ui.port`, else 0). */
  readonly port?: number;
  /** A fixed contract token (a supervising shell that generated it); default: fresh random bits. */
  readonly token?: string;
  readonly logger: Logger;
  /** Reported in hello replies, diagnostics and reports (default: package.json's version). */
  readonly appVersion?: string;
  /** Electron's safeStorage, for `store.key.provider: safe-storage` (the Electron shell passes it). */
  readonly safeStorage?: SafeStorageLike;
  /**
   * How long no screen may be connected before the flow is reset (default: the flow's
   * `idleResetSeconds`). Tests and benches shorten it.
   */
  readonly idleResetMs?: number;
}

/** Where the kiosk can be reached: print `kioskUrl` for a person, never log it (it holds the token). */
export interface KioskCoreEndpoints {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  /** `url` + `#token=TOKEN`: what a browser shell opens. */
  readonly kioskUrl: string;
  /** `ws://127.0.0.1:PORT/contract` (append `?token=TOKEN`). */
  readonly contractUrl: string;
  readonly token: string;
  readonly port: number;
}

export interface KioskCore extends KioskCoreEndpoints {
  readonly profile: string;
  readonly flow: 'hospital' | 'border-gate';
  /** Milliseconds since the epoch when the core finished starting. */
  readonly startedAt: number;
  /**
   * Stops everything in reverse order of start (host with a `shutdown` event to clients, flow, sync
   * engine after its in-flight batch, store, devices, the central simulator). Idempotent.
   */
  close(reason?: 'stopping' | 'restarting'): Promise<void>;
  /** Sends the flow back to its welcome screen, wiping the person's data (the shell's `core.reset`). */
  reset(): void;
  /**
   * The core's services, for tests, benches and the technician's tools in the same process; never
   * handed to a UI (the UI has the contract).
   */
  readonly services: {
    readonly store: CheckInStore;
    readonly sync: SyncEngine;
    /** The demo's central-service simulator (undefined with a remote service, or while the demo has it offline). */
    readonly centralSimulator: () => CentralSimulator | undefined;
  };
}

/** Messages the core child process sends its parent (Electron main) over the IPC channel. */
export type CoreProcessMessage =
  | { readonly type: 'core.ready'; readonly endpoints: KioskCoreEndpoints; readonly profile: string; readonly flow: 'hospital' | 'border-gate' }
  | { readonly type: 'core.failed'; readonly code: string; readonly message: string }
  | { readonly type: 'core.stopping' };

/** Messages the parent sends the core child process. */
export type CoreProcessCommand = { readonly type: 'core.stop' } | { readonly type: 'core.reset' };
