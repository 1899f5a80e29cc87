// `kiosk sim central` as a developer runs it: a child process that prints its URL, serves a client
// signing with the demo kiosk key it wrote, and stops cleanly on SIGTERM.

import { spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralClient } from '../../electron/core/sync/central-client.ts';
import { DEMO_KEY_FILE, DEMO_KIOSK_ID } from '../../electron/core/cli/sim-central-command.ts';
import { sharedContract } from '../helpers/central-fixture.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  child = undefined;
  dataDir = undefined;
});

function start(args: readonly string[]): Promise<{ url: string; exited: Promise<{ code: number | null; stderr: string }> }> {
  child = spawn(process.execPath, ['bin/kiosk.mjs', 'sim', 'central', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child!.once('exit', (code) => resolve({ code, stderr })));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child!.stdout! });
    lines.once('line', (url) => resolve({ url, exited }));
    void exited.then(({ code, stderr: text }) => reject(new Error(`kiosk sim central exited with ${code}: ${text}`)));
  });
}

describe('kiosk sim central', () => {
  it('serves the demo kiosk, whose key it keeps private, and reports what it stored when stopped', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sim-central-cli-'));
    const { url, exited } = await start(['--port', '0', '--data', dataDir]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const keyFile = join(dataDir, DEMO_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const client = new CentralClient({ baseUrl: url, kioskId: DEMO_KIOSK_ID, signingKey: { keyId: DEMO_KIOSK_ID, privateKey: createPrivateKey(readFileSync(keyFile, 'utf8')) }, contract: sharedContract() });
    try {
      expect((await client.heartbeat({ softwareVersion: 'test' })).nextHeartbeatSeconds).toBeGreaterThan(0);
    } finally {
      client.close();
    }
    child!.kill('SIGTERM');
    const { code, stderr } = await exited;
    expect(code).toBe(0);
    expect(stderr).toMatch(/stopped: 1 requests, 0 check-ins stored/);
  }, 40_000);

  it('refuses an unknown fault with a one-line usage error', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sim-central-cli-'));
    await expect(start(['--data', dataDir, '--fault', 'meteorRate=1'])).rejects.toThrow(/exited with 2: kiosk sim: unknown fault 'meteorRate=1'/);
  }, 40_000);
});
