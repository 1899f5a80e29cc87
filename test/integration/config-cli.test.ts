// `kiosk config check` and `kiosk config hash-pin` as IT runs them: a child process, real files, the
// exit code and what is printed.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { verifyPin } from '../../electron/core/config/pin-hash.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Each case starts Node and compiles the CLI through tsx: seconds on a loaded machine.
vi.setConfig({ testTimeout: 40_000 });

const scratch = mkdtempSync(join(tmpdir(), 'kiosk-config-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `kiosk config ...` with only the given KIOSK_* variables, and `input` on stdin. */
function kiosk(args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KIOSK_')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/kiosk.mjs', 'config', ...args], { cwd: ROOT, env: { ...env, ...options.env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

const BAD = join(scratch, 'bad.yaml');
writeFileSync(
  BAD,
  `profile: hospital
kiosk: { id: kiosk-01 }
devices: [{ id: card-reader, role: cardReader, driver: pcsc }]
centralService: { url: https://central.test, keyId: k, signingKeyFile: k.pem }
store: { dataDir: data, key: { provider: tpm } }
flows: { hospital: { fingerprint: sometimes, departments: [] } }
trustStore: { path: csca }
`,
);

describe('kiosk config check', () => {
  it('prints a short summary and exits 0 for a valid file', async () => {
    const run = await kiosk(['check', 'config/kiosk/demo.yaml']);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('config/kiosk/demo.yaml: valid');
    expect(run.stdout).toMatch(/^profile +demo \(flow: hospital\)$/m);
    expect(run.stdout).toMatch(/^devices +cardReader: card-reader \(sim\)$/m);
    expect(run.stdout).toMatch(/^central service +simulator on 127\.0\.0\.1/m);
    expect(run.stdout).toMatch(/^store +\S+\/\.kiosk-data\/demo\/kiosk\.db/m);
  });

  it('prints every problem with its path and exits 2 for a bad file', async () => {
    const run = await kiosk(['check', BAD]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${BAD} is not valid:`);
    expect(run.stderr).toContain('kiosk.siteName: is required (string)');
    expect(run.stderr).toContain('devices[0].transport: is required (object)');
    expect(run.stderr).toContain("store.key.provider: 'tpm' is not one of file, safe-storage");
    expect(run.stderr).toContain("flows.hospital.fingerprint: 'sometimes' is not one of required, optional, off");
    expect(run.stderr).toContain('flows.hospital.departments: must list at least 1 item(s)');
  });

  it('answers in JSON for scripts, valid or not', async () => {
    const [good, bad] = await Promise.all([kiosk(['check', 'config/kiosk/border-gate.yaml', '--json']), kiosk(['check', BAD, '--json'])]);
    expect(good.code).toBe(0);
    const report = JSON.parse(good.stdout) as { ok: boolean; summary: { profile: string; devices: Record<string, unknown> }; warnings: string[] };
    expect(report.ok).toBe(true);
    expect(report.summary.profile).toBe('border-gate');
    expect(Object.keys(report.summary.devices).sort()).toEqual(['cardReader', 'documentScanner', 'fingerprint', 'gate', 'printer']);
    expect(report.warnings.some((w) => w.startsWith('trustStore.path: /etc/kiosk/csca does not exist'))).toBe(true);

    expect(bad.code).toBe(2);
    const refusal = JSON.parse(bad.stdout) as { ok: boolean; problems: string[] };
    expect(refusal.ok).toBe(false);
    expect(refusal.problems).toHaveLength(5);
  });

  it('checks the override and the environment as the kiosk would load them', async () => {
    const override = ['check', 'config/kiosk/hospital.yaml', '--override', 'config/kiosk/override.example.yaml'];
    const [run, refused, ignored] = await Promise.all([
      kiosk(override, { env: { KIOSK_LOG_LEVEL: 'debug' } }),
      kiosk(override, { env: { KIOSK_LOG_LEVEL: 'loud' } }),
      kiosk([...override, '--ignore-env'], { env: { KIOSK_LOG_LEVEL: 'loud' } }),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^environment +KIOSK_LOG_LEVEL$/m);
    expect(run.stdout).toMatch(/^kiosk +bvbm-sanh-a-01 - BV Bạch Mai - sảnh A$/m);

    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("logging.level: 'loud' is not one of fatal, error, warn, info, debug, trace, silent (from KIOSK_LOG_LEVEL)");
    expect(ignored.code).toBe(0);
  });

  it('names a missing file, and asks for a file when none is given', async () => {
    const [missing, usage] = await Promise.all([kiosk(['check', join(scratch, 'none.yaml')]), kiosk(['check'])]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.yaml: file not found');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: kiosk config');
  });
});

describe('kiosk config hash-pin', () => {
  it('prints a pinHash line that verifies the PIN read from stdin and validates in a config', async () => {
    const run = await kiosk(['hash-pin', '--cost', '14'], { input: '482913\n' });
    expect(run.code).toBe(0);
    const match = /^pinHash: '(\$scrypt\$ln=14,r=8,p=1\$[^']+)'\n$/.exec(run.stdout);
    expect(match).not.toBeNull();
    expect(run.stdout + run.stderr).not.toContain('482913');
    expect(await verifyPin('482913', match![1]!)).toBe(true);

    const override = join(scratch, 'site.yaml');
    writeFileSync(override, `diagnostics:\n  ${run.stdout}`);
    const check = await kiosk(['check', 'config/kiosk/hospital.yaml', '--override', override]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^diagnostics PIN +set$/m);
  });

  it('refuses a PIN that is not 4 to 12 digits without printing it', async () => {
    const run = await kiosk(['hash-pin'], { input: 'hunter2\n' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('a diagnostics PIN is 4 to 12 digits');
    expect(run.stderr).not.toContain('hunter2');
  });
});
