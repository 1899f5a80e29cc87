// `kiosk diag` as a technician runs it: a child process of `node bin/kiosk.mjs`, judged by its exit
// code and output. The default config is the demo profile (every device simulated).

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { DiagnosticsReport } from '../../electron/core/diagnostics/diagnostics-report.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'kiosk-diag-test-'));
// Each case starts Node and compiles the CLI through tsx: seconds, more on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function kiosk(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['bin/kiosk.mjs', ...args], { cwd: ROOT, timeout: 50_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

function configFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('kiosk diag', () => {
  it('self-tests every demo device and exits 0 with --json', async () => {
    const run = await kiosk(['diag', '--json']);
    const report = JSON.parse(run.stdout) as DiagnosticsReport;

    expect(run.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.devices.map((d) => [d.id, d.role, d.state, d.selfTest.ok])).toEqual([
      ['card-reader', 'cardReader', 'ready', true],
      ['fingerprint', 'fingerprint', 'ready', true],
      ['document-scanner', 'documentScanner', 'ready', true],
      ['printer', 'printer', 'ready', true],
      ['gate', 'gate', 'ready', true],
    ]);
    for (const device of report.devices) expect(device.selfTest.steps.length).toBeGreaterThan(0);
    expect(run.stderr).toBe('');
  });

  it('prints a table with a pass verdict without --json', async () => {
    const run = await kiosk(['diag', '--device', 'card-reader']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^DEVICE\s+ROLE\s+DRIVER/);
    expect(run.stdout).toMatch(/ok {3}connect and ATR\s+\d+\.\d ms {2}ATR 3B/);
    expect(run.stdout).toMatch(/result: all 1 required device\(s\) passed/);
  });

  it('reads the devices of a whole kiosk config given with --config', async () => {
    const run = await kiosk(['diag', '--config', 'config/kiosk/demo.yaml', '--device', 'gate', '--json']);
    const report = JSON.parse(run.stdout) as DiagnosticsReport;

    expect(run.code).toBe(0);
    expect(report.devices.map((d) => [d.id, d.driver, d.required])).toEqual([['gate', 'sim', false]]);
  });

  it('exits 2 for a kiosk config that is not valid, naming the field path', async () => {
    const path = configFile('kiosk.yaml', ['version: 1', 'profile: demo', 'devices: []'].join('\n'));

    const run = await kiosk(['diag', '--config', path]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('\n  kiosk: is required');
  });

  it('exits 1 when a required device fails, naming it and its cause', async () => {
    const path = configFile(
      'absent.yaml',
      ['devices:', '  - id: printer', '    role: printer', '    driver: escpos-serial', '    transport: { type: serial, path: /dev/kiosk-test-no-such-port, baudRate: 19200 }'].join('\n'),
    );

    const run = await kiosk(['diag', '--config', path, '--json']);
    const report = JSON.parse(run.stdout) as DiagnosticsReport;

    expect(run.code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.devices[0]).toMatchObject({ id: 'printer', state: 'absent', selfTest: { ok: false } });
    expect(report.devices[0]?.detail).toContain('/dev/kiosk-test-no-such-port');
  });

  it('exits 2 for a bad config, naming the field path and the allowed values', async () => {
    const path = configFile('bad.yaml', ['devices:', '  - id: printer', '    role: printer', '    driver: escpos'].join('\n'));

    const run = await kiosk(['diag', '--config', path]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("devices[0].driver: 'escpos' is not one of escpos-serial, sim");
  });

  it('exits 2 for a device id that is not in the config', async () => {
    const run = await kiosk(['diag', '--device', 'printr']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no device 'printr' in the config (devices: card-reader, fingerprint, document-scanner, printer, gate)");
  });
});
