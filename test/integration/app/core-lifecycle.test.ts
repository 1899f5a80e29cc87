// The kiosk core's life as a process: it closes without leaving a handle, refuses to start with a typed
// error and nothing left running, serves a page saying the renderer is not built, and `kiosk start`
// prints its ready line, stops on SIGTERM with code 0 and refuses a bad config with code 2.

import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../native/util/logger.ts';
import { startKioskCore } from '../../../electron/core/app/start-kiosk-core.ts';
import { demoConfig, startCoreRig, type CoreRig } from './kiosk-core-rig.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
let rig: CoreRig | undefined;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-life-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await rig?.close();
  rig = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a child; `onStdout` may act on what it printed. A watchdog (not an assertion) kills a hung child. */
function run(args: readonly string[], env: NodeJS.ProcessEnv, onStdout: (text: string, kill: (s: NodeJS.Signals) => void) => void = () => undefined): Promise<Finished> {
  const child = spawn(process.execPath, [...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    onStdout(stdout, (s) => child.kill(s));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

describe('KioskCore.close', () => {
  it('stops everything it started and leaves no handle: the process ends on its own', { timeout: 90_000 }, async () => {
    const result = await run(['bin/run-ts.mjs', 'test/integration/app/core-exit-child.ts'], process.env);
    expect(result).toMatchObject({ code: 0, signal: null, stdout: 'closing\nclosed\nexit 0\n' });
  });
});

describe('startKioskCore refusals', () => {
  it('rejects with HOST_START_FAILED when its port is taken, and releases what it had opened', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = tempDir();
    try {
      const config = await demoConfig(dataDir);
      await expect(startKioskCore({ config, port, rendererDir: dataDir, logger: silentLogger() })).rejects.toMatchObject({ code: 'HOST_START_FAILED' });
      // The store was closed on the way out: the same folder starts a core at once.
      const core = await startKioskCore({ config, port: 0, rendererDir: dataDir, logger: silentLogger() });
      await core.close();
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('rejects with STORE_KEY_UNAVAILABLE when the key file can be read by others', async () => {
    const dataDir = tempDir();
    const keyFile = join(dataDir, 'store.key');
    writeFileSync(keyFile, Buffer.alloc(32, 7));
    chmodSync(keyFile, 0o644);
    const config = await demoConfig(dataDir);
    await expect(startKioskCore({ config, rendererDir: dataDir, logger: silentLogger() })).rejects.toMatchObject({ code: 'STORE_KEY_UNAVAILABLE' });
  });

  it('answers a page saying how to build the renderer when it is not built', async () => {
    rig = await startCoreRig({ renderer: false });
    const page = await fetch(rig.core.url).then(async (r) => ({ status: r.status, text: await r.text() }));
    expect(page.status).toBe(200);
    expect(page.text).toContain('npm run build:renderer');
  });
});

describe('kiosk start', () => {
  it('prints the ready line, serves the kiosk, and exits 0 on SIGTERM', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    let url: string | undefined;
    let page: Promise<string> | undefined;
    const result = await run(['bin/kiosk.mjs', 'start', '--profile', 'demo', '--no-browser', '--renderer', dataDir], { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_LOG_LEVEL: 'warn' }, (text, kill) => {
      const m = /^kiosk: ready (\S+)\n/.exec(text);
      if (m && url === undefined) {
        url = m[1]!;
        page = fetch(url.split('#')[0]!)
          .then((r) => r.text())
          .finally(() => kill('SIGTERM'));
      }
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^kiosk: ready http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+\n$/);
    expect(await page).toContain('npm run build:renderer');
    expect(result.stderr).not.toContain('246810');
  });

  it('writes its logs to rotated files when the config names a log directory', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    const logDir = join(dataDir, 'logs');
    let stopping = false;
    const result = await run(['bin/kiosk.mjs', 'start', '--profile', 'demo', '--no-browser', '--renderer', dataDir], { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_LOG_DIR: logDir, KIOSK_LOG_LEVEL: 'info' }, (text, kill) => {
      const m = /^kiosk: ready (\S+)\n/.exec(text);
      // As above: the page answers first, then the stop (the signal handlers are in place by then).
      if (m && !stopping) {
        stopping = true;
        void fetch(m[1]!.split('#')[0]!).finally(() => kill('SIGTERM'));
      }
    });
    expect(result.code).toBe(0);
    expect(readdirSync(logDir)).toEqual(['kiosk.1.log']);
    const events = readFileSync(join(logDir, 'kiosk.1.log'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { event?: string }).event);
    expect(events).toContain('stopping');
  });

  it('refuses a bad config with exit code 2, naming the path of the bad field', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    const result = await run(['bin/kiosk.mjs', 'start', '--profile', 'demo', '--no-browser'], { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_HOSPITAL_FINGERPRINT: 'sometimes' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('flows.hospital.fingerprint');
  });
});
