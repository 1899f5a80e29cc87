// One kiosk as a person's browser meets it: `node bin/kiosk.mjs start --no-browser --port 0` in its own
// process with a fresh data dir (store, key, outbox), the demo profile's simulators, and the flow asked
// for. It is ready when it prints its one stdout line `kiosk: ready <url>`; it must stop on SIGTERM with
// exit 0. Its stderr is kept (bounded) to explain a failure; the data dir is removed afterwards.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

export type KioskFlow = 'hospital' | 'border-gate';

export interface StartKioskOptions {
  readonly flow: KioskFlow;
  /** YAML merged over the demo profile (KIOSK_CONFIG_OVERRIDE), e.g. a slower simulated reader. */
  readonly configOverride?: string;
  /** More KIOSK_* settings (environment-overrides.ts). */
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
}

/** The browser shell's command line, as a person's launcher runs it (relative to the repository). */
const START_ARGUMENTS = Object.freeze(['bin/kiosk.mjs', 'start', '--no-browser', '--port', '0']);

const READY_LINE = /^kiosk: ready (http:\/\/127\.0\.0\.1:\d+\/\S*)$/;
const MAX_STDERR_CHARS = 256 * 1024;

/** The kiosk did not start, or did not stop as it must. */
export class KioskProcessError extends Error {
  constructor(message: string, readonly stderr: string) {
    super(stderr.trim() === '' ? message : `${message}\n--- kiosk stderr (tail) ---\n${stderr.slice(-4000)}`);
    this.name = 'KioskProcessError';
  }
}

export class KioskProcess {
  private stderrText = '';
  private stdoutText = '';
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exited = false;
  private readyUrlValue = '';

  private constructor(
    private readonly child: ChildProcess,
    /** Root of this kiosk's temporary files: `data/` (KIOSK_DATA_DIR) and the override file. */
    readonly tempDir: string,
    readonly flow: KioskFlow,
  ) {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrText = (this.stderrText + chunk).slice(-MAX_STDERR_CHARS);
    });
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = true;
        resolve({ code, signal });
      });
    });
  }

  /** The URL with the per-start token in its fragment, as the browser shell opens it. */
  get url(): string {
    return this.readyUrlValue;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stderr(): string {
    return this.stderrText;
  }

  get stdout(): string {
    return this.stdoutText;
  }

  /**
   * Starts a kiosk and resolves once it printed its ready line.
   * Errors: KioskProcessError (with the process's stderr) when it exits first or is not ready in time.
   */
  static async start(options: StartKioskOptions): Promise<KioskProcess> {
    const tempDir = await mkdtemp(join(tmpdir(), 'kiosk-e2e-'));
    const env: NodeJS.ProcessEnv = {};
    // The parent's KIOSK_* variables must not leak into the kiosk under test.
    for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('KIOSK_')) env[name] = value;
    Object.assign(env, { KIOSK_PROFILE: 'demo', KIOSK_FLOW: options.flow, KIOSK_DATA_DIR: join(tempDir, 'data'), KIOSK_LOG_LEVEL: 'warn' }, options.env);
    if (options.configOverride !== undefined) {
      const file = join(tempDir, 'override.yaml');
      await writeFile(file, options.configOverride);
      env.KIOSK_CONFIG_OVERRIDE = file;
    }
    const child = spawn(process.execPath, [...START_ARGUMENTS], { cwd: REPOSITORY, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const kiosk = new KioskProcess(child, tempDir, options.flow);
    try {
      kiosk.readyUrlValue = await kiosk.readyUrl(options.readyTimeoutMs ?? 30_000);
    } catch (error) {
      child.kill('SIGKILL');
      await kiosk.exit;
      await rm(tempDir, { recursive: true, force: true });
      throw error;
    }
    return kiosk;
  }

  private readyUrl(timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const stdout = this.child.stdout;
      if (!stdout) return reject(new KioskProcessError('kiosk start: no stdout pipe', ''));
      stdout.setEncoding('utf8');
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const timer = setTimeout(() => settle(() => reject(new KioskProcessError(`kiosk start printed no ready line within ${timeoutMs} ms`, this.stderrText))), timeoutMs);
      stdout.on('data', (chunk: string) => {
        this.stdoutText += chunk;
        const line = this.stdoutText.split('\n').find((l) => READY_LINE.test(l.trim()));
        const match = line === undefined ? null : READY_LINE.exec(line.trim());
        if (match?.[1]) {
          const url = match[1];
          settle(() => resolve(url));
        }
      });
      void this.exit.then(({ code, signal }) =>
        settle(() => reject(new KioskProcessError(`kiosk start exited (${code ?? signal}) before its ready line`, this.stderrText))),
      );
    });
  }

  /**
   * Stops the kiosk as a supervisor would: SIGTERM, then exit 0 within `graceMs`. Removes the data dir.
   * Errors: KioskProcessError when it exits otherwise or has to be killed.
   */
  async stop(graceMs = 10_000): Promise<void> {
    try {
      if (this.exited) {
        const { code, signal } = await this.exit;
        throw new KioskProcessError(`the kiosk died during the test (${code ?? signal})`, this.stderrText);
      }
      this.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([this.exit, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)))]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        this.child.kill('SIGKILL');
        await this.exit;
        throw new KioskProcessError(`the kiosk did not exit within ${graceMs} ms of SIGTERM (killed)`, this.stderrText);
      }
      if (outcome.code !== 0) throw new KioskProcessError(`the kiosk exited with ${outcome.code ?? outcome.signal} on SIGTERM, not 0`, this.stderrText);
    } finally {
      await rm(this.tempDir, { recursive: true, force: true });
    }
  }
}
