// The report a technician exports from the crash screen, when the core (or the kiosk page) could not
// be kept running and the core's own diagnostics export is out of reach. It is the shell's view: why
// it gave up, the versions, the last core exits with their codes and times, and the last hours of logs
// (native/util/log-tail.ts: redacted a second time on the way out). Written to
// `<dataDir>/reports/kiosk-shell-<yyyyMMdd-HHmmss>.json`, readable by the kiosk's user only (0600).

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOG_TAIL_MAX_CHARS, readLogTail, type LogTail } from '../../native/util/log-tail.ts';
import type { CoreExit } from './core-supervisor.ts';

export const CRASH_REPORT_FORMAT = 'kiosk-shell-crash-report';
export const CRASH_REPORT_FORMAT_VERSION = 1;

export interface CrashReportInput {
  /** The crash screen's code (CORE_CRASH_LOOP, RENDERER_CRASH_LOOP...) and the shell's detail. */
  readonly failure: { readonly code: string; readonly detail: string };
  readonly versions: Readonly<Record<string, string>>;
  readonly exits: readonly CoreExit[];
  /** The log directory (config logging.directory), or undefined when the logs go to stderr. */
  readonly logDirectory: string | undefined;
  readonly at: number;
}

export interface CrashReport {
  readonly format: typeof CRASH_REPORT_FORMAT;
  readonly formatVersion: typeof CRASH_REPORT_FORMAT_VERSION;
  readonly generatedAt: string;
  readonly failure: CrashReportInput['failure'];
  readonly versions: CrashReportInput['versions'];
  readonly platform: { readonly os: string; readonly arch: string };
  readonly coreExits: readonly (CoreExit & { readonly time: string })[];
  /** Null when the kiosk writes no log files (logging.directory not set). */
  readonly logs: LogTail | null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `kiosk-shell-<yyyyMMdd-HHmmss>.json`, UTC like the logs. */
export function crashReportFileName(at: number): string {
  const d = new Date(at);
  return `kiosk-shell-${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}.json`;
}

/** The report's content. Reads the logs; never throws for them (an unreadable file is named in it). */
export async function buildCrashReport(input: CrashReportInput): Promise<CrashReport> {
  const logs = input.logDirectory === undefined ? null : await readLogTail({ directory: input.logDirectory, now: input.at, maxChars: LOG_TAIL_MAX_CHARS });
  return {
    format: CRASH_REPORT_FORMAT,
    formatVersion: CRASH_REPORT_FORMAT_VERSION,
    generatedAt: new Date(input.at).toISOString(),
    // The detail names config paths and exit counts (core-supervisor.ts), never personal data; bounded.
    failure: { code: input.failure.code, detail: input.failure.detail.slice(0, 4000) },
    versions: input.versions,
    platform: { os: process.platform, arch: process.arch },
    coreExits: input.exits.map((e) => ({ ...e, time: new Date(e.at).toISOString() })),
    logs,
  };
}

/**
 * Writes the report into `<dataDir>/reports` (created 0700) as a 0600 file and returns its path.
 * Errors: the file system's (disk full, read-only data folder), for the crash screen to show.
 */
export async function writeCrashReport(dataDir: string, input: CrashReportInput): Promise<string> {
  const report = await buildCrashReport(input);
  const dir = join(dataDir, 'reports');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, crashReportFileName(input.at));
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  return path;
}
