// The diagnostics report as a technician reads it in a terminal: one row per device, its self-test
// steps with timings beneath, and a verdict line.

import type { DiagnosticsReport } from './diagnostics-report.ts';

const ms = (value: number): string => `${value.toFixed(1)} ms`;

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ').trimEnd());
}

export function formatDiagnostics(report: DiagnosticsReport): string {
  const lines: string[] = [];
  const rows: string[][] = [['DEVICE', 'ROLE', 'DRIVER', 'REQUIRED', 'STATE', 'REASON', 'SELF-TEST', 'TIME']];
  for (const d of report.devices) {
    rows.push([d.id, d.role, d.driver, d.required ? 'yes' : 'no', d.state, d.reason ?? '-', d.selfTest.ok ? 'pass' : 'FAIL', ms(d.selfTest.totalMs)]);
  }
  lines.push(...table(rows));
  for (const d of report.devices) {
    lines.push('', `${d.id} (${d.role}, ${d.driver}): ${d.state}${d.reason ? ` ${d.reason}` : ''} since ${d.since}`);
    if (d.detail) lines.push(`  detail: ${d.detail}`);
    if (d.reconnect) lines.push(`  reconnect attempt ${d.reconnect.attempt} at ${d.reconnect.at}`);
    for (const step of d.selfTest.steps) {
      lines.push(`  ${step.ok ? 'ok  ' : 'FAIL'} ${step.name.padEnd(22)} ${ms(step.ms).padStart(10)}${step.detail ? `  ${step.detail}` : ''}`);
    }
    if (d.selfTest.userMessage) lines.push(`  a person would read: ${d.selfTest.userMessage.en}`);
  }
  const required = report.devices.filter((d) => d.required);
  const failedRequired = required.filter((d) => !d.selfTest.ok);
  lines.push(
    '',
    report.ok
      ? `result: all ${required.length} required device(s) passed (${ms(report.totalMs)})`
      : `result: ${failedRequired.length} of ${required.length} required device(s) failed: ${failedRequired.map((d) => d.id).join(', ')} (${ms(report.totalMs)})`,
  );
  return lines.join('\n');
}
