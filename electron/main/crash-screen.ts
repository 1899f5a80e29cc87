// The crash screen: what the kiosk shows when the shell stops trying — the core crash-looped, its
// config is invalid, it cannot start, or the kiosk page keeps dying. It is a second window, locked down
// like the kiosk window, showing the local crash-loop.html (no remote content) with its own tiny
// preload (electron/preload/crash-screen.ts) that exposes exactly `exportDiagnostics()` and `retry()`.
// The kiosk window is hidden meanwhile, not closed, so a retry brings it back as it was.
//
// Its two IPC channels are answered only for that window's main frame showing that file, through the
// IPC guard (security/ipc-guard.ts) with the file as the allowed page.

import { pathToFileURL } from 'node:url';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../../native/util/logger.ts';
import { CRASH_EXPORT_CHANNEL, CRASH_RETRY_CHANNEL } from '../preload/ipc-channels.ts';
import type { CoreExit } from './core-supervisor.ts';
import { writeCrashReport } from './crash-screen-report.ts';
import { createKioskWindow } from './kiosk-window.ts';
import { handleGuardedIpc, onGuardedIpc } from './security/ipc-guard.ts';

/** The crash page's sections (crash-loop.html ids). */
export type CrashCode = 'CORE_CRASH_LOOP' | 'CORE_CONFIG_INVALID' | 'CORE_START_FAILED' | 'CONFIG_MISSING' | 'RENDERER_CRASH_LOOP';

/** What `exportDiagnostics()` answers the page. */
export type CrashExportAnswer = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly code: string };

/** The parts of ipcMain the crash screen registers on. */
export interface CrashIpcMain {
  handle(channel: string, listener: (event: CrashIpcEvent) => Promise<unknown>): void;
  on(channel: string, listener: (event: CrashIpcEvent) => void): unknown;
}

export interface CrashIpcEvent {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string; readonly routingId: number; readonly processId: number } | null;
}

export interface CrashScreenOptions {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  readonly ipcMain: CrashIpcMain;
  /** out/main/crash-loop.html and out/preload/crash-screen.cjs. */
  readonly page: string;
  readonly preload: string;
  /** The kiosk window, hidden while the crash screen shows. */
  readonly kioskWindow: Pick<BrowserWindow, 'hide' | 'show' | 'focus'>;
  /** Where the report goes (`<dataDir>/reports`), and the log directory it reads. */
  readonly dataDir: () => string;
  readonly logDirectory: () => string | undefined;
  readonly versions: Readonly<Record<string, string>>;
  readonly recentExits: () => readonly CoreExit[];
  /** The technician asked to try again (the crash screen is already hidden): start the core, reset the counters. */
  readonly onRetry: () => void;
  /** Holds the page watchdog's reloads while the report is written. */
  readonly holdReloads?: () => () => void;
  readonly logger: Logger;
  readonly now?: () => number;
}

export class CrashScreen {
  private window: BrowserWindow | null = null;
  private failure: { code: CrashCode; detail: string } | null = null;
  private exporting: Promise<CrashExportAnswer> | null = null;
  private readonly log: Logger;
  private readonly pageUrl: string;

  constructor(private readonly options: CrashScreenOptions) {
    this.log = options.logger.child({ module: 'crash-screen' });
    this.pageUrl = pathToFileURL(options.page).href;
    // The IPC guard, for this window's main frame showing exactly this file.
    const guard = { contents: () => this.window?.webContents ?? null, allowedPage: () => this.pageUrl, logger: this.log };
    handleGuardedIpc(options.ipcMain, CRASH_EXPORT_CHANNEL, guard, (): CrashExportAnswer => ({ ok: false, code: 'REFUSED' }), () => this.exportDiagnostics());
    onGuardedIpc(options.ipcMain, CRASH_RETRY_CHANNEL, guard, () => this.retry());
  }

  /** Whether the crash screen is up. */
  get showing(): boolean {
    return this.window !== null;
  }

  /** Shows the crash screen for `code` (or switches it to `code`), hiding the kiosk window. */
  show(code: CrashCode, detail: string): void {
    this.failure = { code, detail };
    this.log.error({ event: 'crash-screen-shown', code }, 'showing the crash screen');
    if (this.window === null) {
      // The kiosk window's own options and guards, with no origin allowed: nothing but this one file
      // (every navigation, new window and webview refused, the escape shortcuts swallowed, no devtools).
      this.window = createKioskWindow(this.options.BrowserWindow, { preload: this.options.preload, devTools: false, allowedOrigin: () => null, logger: this.log });
    }
    this.options.kioskWindow.hide();
    this.window.loadFile(this.options.page, { hash: code }).catch((err: unknown) => {
      this.log.error({ event: 'crash-screen-load-failed', error: (err as Error).name }, 'the crash screen did not load');
    });
  }

  /** Closes the crash screen and brings the kiosk window back. */
  hide(): void {
    const window = this.window;
    if (window === null) return;
    this.window = null;
    this.failure = null;
    this.options.kioskWindow.show();
    this.options.kioskWindow.focus();
    window.destroy();
  }

  /** Writes the shell's report (one at a time); answers its path or a code the page shows. */
  exportDiagnostics(): Promise<CrashExportAnswer> {
    this.exporting ??= this.writeReport().finally(() => {
      this.exporting = null;
    });
    return this.exporting;
  }

  private async writeReport(): Promise<CrashExportAnswer> {
    const release = this.options.holdReloads?.() ?? (() => undefined);
    try {
      const failure = this.failure ?? { code: 'NONE', detail: '' };
      const path = await writeCrashReport(this.options.dataDir(), {
        failure,
        versions: this.options.versions,
        exits: this.options.recentExits(),
        logDirectory: this.options.logDirectory(),
        at: (this.options.now ?? Date.now)(),
      });
      this.log.info({ event: 'crash-report-written', code: failure.code }, 'crash report written');
      return { ok: true, path };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EXPORT_FAILED';
      this.log.error({ event: 'crash-report-failed', code }, 'the crash report could not be written');
      return { ok: false, code };
    } finally {
      release();
    }
  }

  private retry(): void {
    if (this.window === null) return;
    this.log.info({ event: 'crash-screen-retry', code: this.failure?.code }, 'retry asked on the crash screen');
    // Back to the kiosk window at once: it says the device service is starting; a new failure brings
    // the crash screen back.
    this.hide();
    this.options.onRetry();
  }
}
