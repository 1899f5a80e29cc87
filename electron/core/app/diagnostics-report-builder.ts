// The diagnostics report a technician exports for support: the diagnostics view, the last self-test of
// each device, and the machine it runs on (Node version, platform, uptime, memory). It holds what the
// view holds and nothing more personal: no holder data, no host name, no user name, no PIN hash or keys.
// It must fit MAX_REPORT_CHARS: the APDU trace, the largest and least needed part, is trimmed first.
// With a log directory it carries the last hours of logs too (native/util/log-tail.ts, redacted a second
// time on the way out); their oldest lines give way first when the report is too large.

import { arch, freemem, platform, totalmem, uptime as systemUptime } from 'node:os';
import type { LogTail } from '../../../native/util/log-tail.ts';
import { MAX_REPORT_CHARS, type DiagnosticsView, type ResultOf, type SelfTestView } from '../../contract/index.ts';

export const REPORT_FORMAT = 'kiosk-diagnostics-report';
export const REPORT_FORMAT_VERSION = 1;

export interface ReportEnvironment {
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly processUptimeSeconds: number;
  readonly systemUptimeSeconds: number;
  readonly memory: { readonly rssBytes: number; readonly heapUsedBytes: number; readonly heapTotalBytes: number; readonly systemTotalBytes: number; readonly systemFreeBytes: number };
}

export interface DiagnosticsReport {
  readonly format: typeof REPORT_FORMAT;
  readonly formatVersion: typeof REPORT_FORMAT_VERSION;
  /** ISO 8601, UTC. */
  readonly generatedAt: string;
  readonly view: DiagnosticsView;
  /** The last self-test of each device tested since the core started. */
  readonly selfTests: readonly SelfTestView[];
  readonly environment: ReportEnvironment;
  /** Present when the trace had to be shortened to fit: how many lines were left out. */
  readonly traceLinesOmitted?: number;
  /** The recent logs, when the kiosk writes log files; absent when it logs to stderr only. */
  readonly logs?: LogTail;
}

/** The machine the core runs on, as a support engineer needs it. */
export function reportEnvironment(): ReportEnvironment {
  const memory = process.memoryUsage();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    processUptimeSeconds: Math.round(process.uptime()),
    systemUptimeSeconds: Math.round(systemUptime()),
    memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, heapTotalBytes: memory.heapTotal, systemTotalBytes: totalmem(), systemFreeBytes: freemem() },
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `kiosk-<kioskId>-<yyyyMMdd-HHmmss>.json`, the time in UTC (support compares reports from kiosks in
 * different places with their logs, which are in UTC). Characters a file name must not carry become `-`.
 */
export function reportFileName(kioskId: string, at: number): string {
  const d = new Date(at);
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  const id = kioskId.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64) || 'kiosk';
  return `kiosk-${id}-${stamp}.json`;
}

export interface BuildReportInput {
  readonly view: DiagnosticsView;
  readonly selfTests: readonly SelfTestView[];
  readonly at: number;
  readonly environment?: ReportEnvironment;
  /** The recent logs (readLogTail), already within their own budget. */
  readonly logs?: LogTail;
  /** Largest JSON text (default MAX_REPORT_CHARS; tests pass less). */
  readonly maxChars?: number;
}

/**
 * The report as the `report` result: file name and JSON text within `maxChars`. Trims the trace first
 * (keeping its beginning, where access control is, and its end, where a failure is), then drops the
 * trace, recent errors and self-test steps. Throws RangeError if even that does not fit (a bug: the
 * rest of the view is bounded far below the limit).
 */
export function buildDiagnosticsReport(input: BuildReportInput): ResultOf<'report'> {
  const max = input.maxChars ?? MAX_REPORT_CHARS;
  let base: DiagnosticsReport = {
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    generatedAt: new Date(input.at).toISOString(),
    view: input.view,
    selfTests: input.selfTests,
    environment: input.environment ?? reportEnvironment(),
    ...(input.logs === undefined ? {} : { logs: input.logs }),
  };
  const fileName = reportFileName(input.view.kiosk.kioskId, input.at);
  const lastRead = input.view.reader.lastRead;
  const lines = lastRead?.trace ?? [];
  let json = JSON.stringify(base, null, 2);
  // The logs first: their newest lines are kept, by halves, until the report fits or none are left.
  const allLogs = input.logs;
  const logLines = allLogs?.lines ?? [];
  let keepLogs = logLines.length;
  while (json.length > max && keepLogs > 0 && allLogs !== undefined) {
    keepLogs = Math.floor(keepLogs / 2);
    const logs: LogTail = { ...allLogs, lines: logLines.slice(logLines.length - keepLogs), linesOmitted: allLogs.linesOmitted + logLines.length - keepLogs };
    base = { ...base, logs };
    json = JSON.stringify(base, null, 2);
  }
  // Shorten the trace by halves until the report fits, then try leaner forms.
  let keep = lines.length;
  while (json.length > max && keep > 0 && lastRead !== undefined) {
    keep = Math.floor(keep / 2);
    const head = Math.ceil(keep / 2);
    const trace = [...lines.slice(0, head), ...lines.slice(lines.length - (keep - head))];
    const view: DiagnosticsView = { ...input.view, reader: { ...input.view.reader, lastRead: { ...lastRead, trace } } };
    json = JSON.stringify({ ...base, view, traceLinesOmitted: lines.length - keep }, null, 2);
  }
  if (json.length > max) {
    const view: DiagnosticsView = { ...input.view, recentErrors: input.view.recentErrors.slice(0, 5), ...(lastRead ? { reader: { ...input.view.reader, lastRead: { ...lastRead, trace: [] } } } : {}) };
    const selfTests = input.selfTests.map((t) => ({ ...t, steps: [] }));
    json = JSON.stringify({ ...base, view, selfTests, traceLinesOmitted: lines.length }, null, 2);
  }
  if (json.length > max) json = JSON.stringify(JSON.parse(json));
  if (json.length > max) throw new RangeError(`the diagnostics report needs ${json.length} characters, more than ${max}`);
  return { kind: 'report', fileName, json };
}
