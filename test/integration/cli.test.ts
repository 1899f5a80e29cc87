// The `kiosk` command line as a technician runs it: a child process of `node bin/kiosk.mjs`, judged by
// its exit code, its stdout and its stderr. Reads use the in-process simulator; `card readers` is pointed
// at a pcscd socket that cannot exist, so the test never depends on whether a peer test runs pcscd.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { encodeMrz } from '../../native/card/lds/mrz/mrz-encoder.ts';
import { chipProfiles } from '../../native/sim/profiles/index.ts';
import { cccdQrText, personalStrings } from './sim-read.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'kiosk-cli-test-'));
// Each case starts Node and compiles the CLI through tsx: seconds, more on a loaded machine.
vi.setConfig({ testTimeout: 40_000 });

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function kiosk(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['bin/kiosk.mjs', ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

/** `card read --sim` writing the face into the scratch folder, not a fresh temp folder per run. */
function simRead(...args: string[]): Promise<Run> {
  return kiosk(['card', 'read', '--out', scratch, ...args]);
}

function stderrLines(run: Run): string[] {
  return run.stderr.split('\n').filter((line) => line.trim() !== '');
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('kiosk card read', () => {
  it('reads the simulated CCCD and prints a JSON report with assurance PA_AA_OR_CA (exit 0)', async () => {
    const run = await simRead('--sim', 'cccd', '--json');
    const report = JSON.parse(run.stdout) as Record<string, unknown>;

    expect(run.code).toBe(0);
    expect(report).toMatchObject({ assurance: 'PA_AA_OR_CA', trusted: true, access: { method: 'PACE', mapping: 'CAM' } });
    expect(report).toMatchObject({ verification: { passive: { verdict: 'passed' }, active: { verdict: 'passed' }, chip: { verdict: 'passed' } } });
    expect(run.stderr).toBe('');
  });

  it.each(['cloned', 'tamper-dg2'])('exits 3 with trusted false when the chip is %s', async (fault) => {
    const run = await simRead('--sim', 'cccd', '--fault', fault, '--json');
    const report = JSON.parse(run.stdout) as Record<string, unknown>;

    expect(run.code).toBe(3);
    expect(report).toMatchObject({ trusted: false, assurance: 'CHIP_READ' });
  });

  it('resumes when the simulated card is lost mid-read and comes back', async () => {
    const run = await simRead('--sim', 'passport-td3', '--fault', 'card-lost-at=12', '--json');
    const report = JSON.parse(run.stdout) as { apdu: { resumes: number }; trusted: boolean };

    expect(run.code).toBe(0);
    expect(report.apdu.resumes).toBeGreaterThanOrEqual(1);
    expect(report.trusted).toBe(true);
  });

  it('opens the CCCD with the keys from its front QR', async () => {
    const run = await simRead('--sim', 'cccd', '--qr', cccdQrText(), '--json');
    const report = JSON.parse(run.stdout) as { access: { keyKind: string }; holder: { fullName: string }; assurance: string };

    expect(run.code).toBe(0);
    expect(report.access.keyKind).toBe('mrz');
    expect(report.holder.fullName).toBe(cccdQrText().split('|')[2]);
    expect(report.assurance).toBe('PA_AA_OR_CA');
  });

  it.each(['cccd', 'passport-td3'] as const)('writes a --trace of the %s read to stderr without personal data', async (profile) => {
    const run = await simRead('--sim', profile, '--trace');
    const lines = stderrLines(run);

    expect(run.code).toBe(0);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line).toMatch(/^apdu +\d+ \S+ +[0-9A-F]{2} [0-9A-F]{2} [0-9A-F]{2} [0-9A-F]{2} Lc=\d+ Le=\d+/);
    for (const personal of personalStrings(profile)) expect(run.stderr.toUpperCase()).not.toContain(personal.toUpperCase());
  });

  describe('with bad input', () => {
    it.each([
      ['a malformed --mrz', ['card', 'read', '--sim', 'cccd', '--mrz', 'NOT-AN-MRZ'], /invalid unlock data/],
      ['--doc without --dob', ['card', 'read', '--sim', 'cccd', '--doc', '099012345'], /--doc, --dob and --expiry go together/],
      ['an unknown --fault', ['card', 'read', '--sim', 'cccd', '--fault', 'melted'], /unknown --fault 'melted'/],
      ['an unknown simulator profile', ['card', 'read', '--sim', 'passport-td9'], /unknown simulator profile 'passport-td9'; use one of: cccd, passport-td3/],
      ['an unknown option', ['card', 'read', '--sim', 'cccd', '--colour'], /--colour/],
      ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ])('exits 2 with one clear line on stderr and no stack trace for %s', async (_what, args, message) => {
      const run = await kiosk(args);
      const lines = stderrLines(run);

      expect(run.code).toBe(2);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).toMatch(/^kiosk/);
      expect(run.stderr).not.toMatch(/\n\s+at |Error:/);
      expect(run.stdout).toBe('');
    });

    it('does not echo a malformed MRZ back', async () => {
      const lines = encodeMrz(chipProfiles.cccd.mrz);
      const typo = [lines[0], lines[1]!.replace(/^(\d\d)\d/, '$1Z'), lines[2]].join('|');
      const run = await kiosk(['card', 'read', '--sim', 'cccd', '--mrz', typo]);

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/date of birth/);
      for (const personal of personalStrings('cccd')) expect(run.stderr).not.toContain(personal);
    });
  });
});

describe('kiosk card readers', () => {
  it('names pcscd in one line and exits 1 when the PC/SC daemon cannot be reached', async () => {
    // libpcsclite honours PCSCLITE_CSOCK_NAME: a socket in an empty folder is a daemon that is not running.
    const run = await kiosk(['card', 'readers'], { PCSCLITE_CSOCK_NAME: join(scratch, 'no-pcscd', 'pcscd.comm') });
    const lines = stderrLines(run);

    expect(run.code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/pcscd/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
