// A real serial pair for tests: socat links two pseudo-terminals (DEVELOPERS.md). The driver opens one
// end with serialport; the simulator opens the other. Fails naming the Debian package when socat is absent.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** Path the driver under test opens. */
  readonly devicePath: string;
  /** Path the simulator opens. */
  readonly simPath: string;
  close(): Promise<void>;
}

export async function openPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  const socat = ['/usr/bin/socat', '/bin/socat'].find((p) => existsSync(p));
  if (!socat) throw new Error('socat is not installed: apt-get install -y socat (scripts/setup-debian.sh installs it)');
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pty-'));
  const devicePath = join(dir, 'device');
  const simPath = join(dir, 'sim');
  const child: ChildProcess = spawn(socat, ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simPath}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const started = Date.now();
  while (!(existsSync(devicePath) && existsSync(simPath))) {
    if (child.exitCode !== null) throw new Error(`socat exited early (${child.exitCode}): ${stderr.trim()}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGTERM');
      throw new Error(`socat did not create the PTY pair within ${timeoutMs} ms: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    devicePath,
    simPath,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          rmSync(dir, { recursive: true, force: true });
          resolve();
          return;
        }
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
