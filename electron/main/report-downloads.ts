// The diagnostics report the technician exports on the kiosk page arrives in main as a download (the
// page saves it through an `<a download>` of a Blob URL). In the kiosk there is nobody to answer a save
// dialog, so the report is saved straight into `<dataDir>/reports` under its own (sanitized) name,
// and while it is being written the page watchdog holds its reloads, so a reload cannot cut it short.
// Any other download — not a Blob of the core's page, or not a .json report — is cancelled.

import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Logger } from '../../native/util/logger.ts';
import { originOf } from './security/origin.ts';

/** The parts of Electron's DownloadItem used here. */
export interface ReportDownloadItem {
  getURL(): string;
  getFilename(): string;
  setSavePath(path: string): void;
  once(event: 'done', listener: (event: unknown, state: 'completed' | 'cancelled' | 'interrupted') => void): unknown;
}

export interface DownloadSession {
  on(event: 'will-download', listener: (event: { preventDefault(): void }, item: ReportDownloadItem) => void): unknown;
}

export interface ReportDownloadOptions {
  readonly coreOrigin: () => string | null;
  readonly dataDir: () => string;
  readonly holdReloads: () => () => void;
  readonly logger: Logger;
}

const REPORT_NAME = /^[A-Za-z0-9._-]{1,120}\.json$/;

/** Where a report download goes, or null when it is no report of the kiosk page. */
export function reportSavePath(url: string, fileName: string, coreOrigin: string | null, dataDir: string): string | null {
  if (!url.startsWith('blob:') || coreOrigin === null || originOf(url.slice('blob:'.length)) !== coreOrigin) return null;
  const name = basename(fileName);
  return REPORT_NAME.test(name) && name === fileName ? join(dataDir, 'reports', name) : null;
}

/** Saves the kiosk page's report downloads without a dialog, holding reloads meanwhile. */
export function saveReportDownloads(session: DownloadSession, options: ReportDownloadOptions): void {
  const log = options.logger.child({ module: 'report-downloads' });
  session.on('will-download', (event, item) => {
    const path = reportSavePath(item.getURL(), item.getFilename(), options.coreOrigin(), options.dataDir());
    if (path === null) {
      event.preventDefault();
      log.warn({ event: 'download-refused', scheme: item.getURL().split(':', 1)[0]?.slice(0, 16) }, 'refused a download');
      return;
    }
    try {
      mkdirSync(join(options.dataDir(), 'reports'), { recursive: true, mode: 0o700 });
    } catch (err) {
      event.preventDefault();
      log.error({ event: 'report-save-failed', code: (err as NodeJS.ErrnoException).code ?? 'error' }, 'the reports folder cannot be created');
      return;
    }
    const release = options.holdReloads();
    item.setSavePath(path);
    item.once('done', (_event, state) => {
      release();
      log.info({ event: 'report-saved', state }, 'diagnostics report download finished');
    });
  });
}
