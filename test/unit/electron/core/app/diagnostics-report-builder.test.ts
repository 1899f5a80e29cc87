// The exported diagnostics report: its file name, its shape, and how it is kept under MAX_REPORT_CHARS.

import { describe, expect, it } from 'vitest';
import { DiagnosticsViewSchema, ResultSchema, type ApduTraceLine, type DiagnosticsView } from '../../../../../electron/contract/index.ts';
import type { LogTail } from '../../../../../native/util/log-tail.ts';
import { buildDiagnosticsReport, reportEnvironment, reportFileName, type DiagnosticsReport } from '../../../../../electron/core/app/diagnostics-report-builder.ts';

const AT = Date.UTC(2025, 4, 1, 8, 5, 9);

function view(traceLines: number): DiagnosticsView {
  const line = (i: number): ApduTraceLine => ({ step: `read.DG2.${i}`, command: '0C B0 00 00 Lc=0 Le=223', secureMessaging: true, commandBytes: 21, responseBytes: 240, sw: '9000', ms: 1.5 });
  return DiagnosticsViewSchema.parse({
    kiosk: { kioskId: 'demo-kiosk', profile: 'demo', flow: 'hospital', appVersion: '0.1.0', contractVersion: 1, startedAt: AT - 1000 },
    devices: [{ id: 'printer', role: 'printer', driver: 'sim', required: true, state: 'ready', since: AT - 500 }],
    reader: {
      atr: '3B8A80',
      lastRead: { at: AT - 100, ok: true, access: 'PACE', apduCount: traceLines, bytesSent: 0, bytesReceived: 0, resumes: 0, trace: Array.from({ length: traceLines }, (_, i) => line(i)) },
    },
    queue: { pending: 0, sending: 0, accepted: 0, rejected: 0, deadLettered: 0, oldestPendingAgeMs: null },
    sync: { running: true, breaker: 'closed', lastSuccessAt: null, lastError: null },
    recentErrors: [],
    config: [{ key: 'profile', value: 'demo (flow: hospital)' }],
  });
}

describe('buildDiagnosticsReport', () => {
  it('names the file after the kiosk and the UTC time, and holds the view, self-tests and environment', () => {
    const result = ResultSchema.parse(buildDiagnosticsReport({ view: view(3), selfTests: [], at: AT }));
    if (result.kind !== 'report') throw new Error('not a report');
    const report = JSON.parse(result.json) as DiagnosticsReport;

    expect(result.fileName).toBe('kiosk-demo-kiosk-20250501-080509.json');
    expect(report).toMatchObject({ format: 'kiosk-diagnostics-report', formatVersion: 1, generatedAt: '2025-05-01T08:05:09.000Z', selfTests: [] });
    expect(report.view).toEqual(view(3));
    expect(report.traceLinesOmitted).toBeUndefined();
    expect(report.environment).toEqual({ ...reportEnvironment(), processUptimeSeconds: expect.any(Number), systemUptimeSeconds: expect.any(Number), memory: expect.any(Object) });
  });

  it('keeps a file name the contract accepts whatever the kiosk id holds', () => {
    expect(reportFileName('site:lobby-1', AT)).toBe('kiosk-site-lobby-1-20250501-080509.json');
  });

  it('trims the trace, keeping its beginning and its end, when the report would be too large', () => {
    const full = view(2000);
    const result = buildDiagnosticsReport({ view: full, selfTests: [], at: AT, maxChars: 100_000 });
    const report = JSON.parse(result.json) as DiagnosticsReport;
    const trace = report.view.reader.lastRead!.trace;

    expect(result.json.length).toBeLessThanOrEqual(100_000);
    expect(trace.length).toBeLessThan(2000);
    expect(trace.length).toBeGreaterThan(100);
    expect(report.traceLinesOmitted).toBe(2000 - trace.length);
    expect(trace[0]?.step).toBe('read.DG2.0');
    expect(trace.at(-1)?.step).toBe('read.DG2.1999');
    expect(report.view.reader.lastRead?.apduCount).toBe(2000);
    expect(DiagnosticsViewSchema.safeParse(report.view).success).toBe(true);
  });

  it('fits the largest possible trace within MAX_REPORT_CHARS untrimmed or trimmed', () => {
    const result = ResultSchema.parse(buildDiagnosticsReport({ view: view(2000), selfTests: [], at: AT }));
    expect(result.kind).toBe('report');
  });

  it('carries the log tail, giving up its oldest lines before any of the trace when the report is too large', () => {
    const line = (i: number) => JSON.stringify({ level: 30, time: AT - 1000 + i, service: 'kiosk-core', event: `e${i}`, padding: 'x'.repeat(200) });
    const logs: LogTail = { directory: '/var/log/kiosk', since: 'a', until: 'b', lines: Array.from({ length: 1000 }, (_, i) => line(i)), linesOmitted: 7, linesDropped: 0, unreadable: [] };
    const small = JSON.parse(buildDiagnosticsReport({ view: view(3), selfTests: [], at: AT, logs: { ...logs, lines: logs.lines.slice(0, 10) } }).json) as DiagnosticsReport;
    expect(small.logs?.lines).toHaveLength(10);
    expect(small.logs?.linesOmitted).toBe(7);

    const result = buildDiagnosticsReport({ view: view(50), selfTests: [], at: AT, logs, maxChars: 100_000 });
    const report = JSON.parse(result.json) as DiagnosticsReport;
    expect(result.json.length).toBeLessThanOrEqual(100_000);
    const kept = report.logs!.lines;
    expect(kept.length).toBeGreaterThan(50);
    expect(kept.length).toBeLessThan(1000);
    expect(kept.at(-1)).toBe(line(999));
    expect(report.logs!.linesOmitted).toBe(7 + 1000 - kept.length);
    expect(report.view.reader.lastRead!.trace).toHaveLength(50);
    expect(report.traceLinesOmitted).toBeUndefined();
  });
});
