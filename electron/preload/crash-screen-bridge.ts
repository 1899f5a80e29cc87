// `window.kioskCrash`: the crash screen's whole access to the shell. Two members, frozen: write the
// shell's diagnostics report (answers where it went, or why it could not be written) and start over.
// Nothing else from the main process, and never ipcRenderer, reaches the page.

import { CRASH_EXPORT_CHANNEL, CRASH_RETRY_CHANNEL } from './ipc-channels.ts';

export type CrashExportResult = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly code: string };

export interface CrashScreenBridge {
  /** Writes the report into the data folder; resolves with its path, or ok: false and a code. Never rejects. */
  exportDiagnostics(): Promise<CrashExportResult>;
  /** Starts the device service again (the crash screen closes). */
  retry(): void;
}

/** The parts of ipcRenderer the bridge uses. */
export interface CrashBridgeIpc {
  invoke(channel: string): Promise<unknown>;
  send(channel: string): void;
}

/** Main's answer as the page may see it: a path string or a short code, nothing more. */
function exportResultOf(answer: unknown): CrashExportResult {
  const a = answer as { ok?: unknown; path?: unknown; code?: unknown } | null;
  if (a?.ok === true && typeof a.path === 'string') return { ok: true, path: a.path.slice(0, 1024) };
  return { ok: false, code: typeof a?.code === 'string' ? a.code.slice(0, 64) : 'EXPORT_FAILED' };
}

export function createCrashScreenBridge(ipc: CrashBridgeIpc): CrashScreenBridge {
  return Object.freeze({
    exportDiagnostics: () => ipc.invoke(CRASH_EXPORT_CHANNEL).then(exportResultOf, () => exportResultOf(null)),
    retry: () => ipc.send(CRASH_RETRY_CHANNEL),
  });
}
