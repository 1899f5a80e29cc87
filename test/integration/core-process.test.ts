// The core child process for real: forked through tsx with an IPC channel (as Electron's
// utilityProcess would start it, with Node's process.send in place of parentPort), the demo profile in
// a temporary data folder. Ready with a reachable URL; core.stop exits 0; a broken config is refused
// with the path of the bad field and exit code 2.

import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcessMessage } from '../../electron/core/app/kiosk-core-api.ts';
import type { SnapshotMessage } from '../../electron/contract/index.ts';
import { connectContract } from '../helpers/contract-client.ts';
import { configEnvironment, coreArgumentsOf, parseCoreArguments } from '../../electron/core/app/core-process.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let work: string;
const children: ChildProcess[] = [];

function startCore(env: NodeJS.ProcessEnv, args: string[] = []): { child: ChildProcess; first: Promise<CoreProcessMessage> } {
  const child = fork(join(ROOT, 'bin/run-ts.mjs'), ['electron/core/app/core-process.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_PROFILE: '', KIOSK_CONFIG: '', KIOSK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  children.push(child);
  child.stderr?.resume();
  const first = once(child, 'message').then(([m]) => m as CoreProcessMessage);
  return { child, first };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'core-process-'));
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('core-process', { timeout: 60_000 }, () => {
  it('reports core.ready with a reachable loopback URL, and exits 0 on core.stop', async () => {
    const { child, first } = startCore({ KIOSK_DATA_DIR: join(work, 'ready') }, ['--profile', 'demo']);
    const ready = await first;
    expect(ready).toMatchObject({ type: 'core.ready', profile: 'demo', flow: 'hospital' });
    if (ready.type !== 'core.ready') throw new Error('not ready');
    expect(ready.endpoints.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(ready.endpoints.contractUrl).toBe(`ws://127.0.0.1:${ready.endpoints.port}/contract`);
    const page = await fetch(ready.endpoints.url);
    expect(page.status).toBe(200);
    const exited = once(child, 'exit');
    child.send({ type: 'core.stop' });
    expect((await exited)[0]).toBe(0);
  });

  it('sends the flow back to welcome on core.reset from the shell', async () => {
    const { child, first } = startCore({ KIOSK_DATA_DIR: join(work, 'reset') });
    const ready = await first;
    if (ready.type !== 'core.ready') throw new Error('not ready');
    const client = await connectContract(ready.endpoints.contractUrl, { token: ready.endpoints.token });
    const screen = (name: string) => (m: { type: string }): m is SnapshotMessage => m.type === 'snapshot' && (m as SnapshotMessage).snapshot.view.screen === name;
    client.send({ type: 'hello', id: 'h', version: 1 });
    await client.next(screen('welcome'));
    client.send({ type: 'flow.start', id: 's' });
    await client.next(screen('presentCard'));
    const welcomeAgain = client.messages.length;
    child.send({ type: 'core.reset' });
    await client.next((m): m is SnapshotMessage => client.messages.indexOf(m) >= welcomeAgain && screen('welcome')(m));
    await client.close();
    const exited = once(child, 'exit');
    child.send({ type: 'core.stop' });
    expect((await exited)[0]).toBe(0);
  });

  it('writes its logs to rotated files in logging.directory', async () => {
    const logDir = join(work, 'logs');
    const { child, first } = startCore({ KIOSK_DATA_DIR: join(work, 'logged'), KIOSK_LOG_DIR: logDir, KIOSK_LOG_LEVEL: 'info' });
    expect((await first).type).toBe('core.ready');
    const exited = once(child, 'exit');
    child.send({ type: 'core.stop' });
    expect((await exited)[0]).toBe(0);
    expect(readdirSync(logDir)).toEqual(['kiosk-core.1.log']);
    const events = readFileSync(join(logDir, 'kiosk-core.1.log'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { event?: string; service: string }));
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['core-ready', 'core-stopping']));
    expect(new Set(events.map((e) => e.service))).toEqual(new Set(['kiosk-core']));
  });

  it('exits 0 on SIGTERM', async () => {
    const { child, first } = startCore({ KIOSK_DATA_DIR: join(work, 'sigterm') });
    expect((await first).type).toBe('core.ready');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });

  it('refuses a broken config with core.failed naming the bad field, and exit code 2', async () => {
    const file = join(work, 'broken.yaml');
    writeFileSync(file, 'profile: demo\nflow: hospital\nflows:\n  hospital:\n    fingerprint: sometimes\n');
    const { child, first } = startCore({ KIOSK_CONFIG: file, KIOSK_DATA_DIR: join(work, 'broken') });
    const exited = once(child, 'exit');
    const failed = await first;
    expect(failed).toMatchObject({ type: 'core.failed', code: 'CONFIG_INVALID' });
    expect((failed as { message: string }).message).toContain('flows.hospital.fingerprint');
    expect((await exited)[0]).toBe(2);
  });
});

describe('parseCoreArguments', () => {
  it('reads the flags and refuses unknown ones, missing values and bad ports', () => {
    expect(parseCoreArguments(['--profile', 'hospital', '--port', '0', '--config', 'k.yaml'], '/etc/kiosk')).toEqual({ profile: 'hospital', port: 0, config: '/etc/kiosk/k.yaml' });
    expect(() => parseCoreArguments(['--evil', 'x'])).toThrow(/--evil: not an argument/);
    expect(() => parseCoreArguments(['--profile'])).toThrow(/needs a value/);
    expect(() => parseCoreArguments(['--port', '70000'])).toThrow(/not a port number/);
  });

  it('takes the arguments from the first known flag, whatever comes before', () => {
    expect(coreArgumentsOf(['/usr/bin/node', '/x/core-process.ts', '--profile', 'demo'])).toEqual(['--profile', 'demo']);
    expect(coreArgumentsOf(['/opt/kiosk/kiosk'])).toEqual([]);
  });

  it('lets --config and --profile win over the environment, and finds profiles in --profile-dir', () => {
    expect(configEnvironment({ config: '/etc/k.yaml' }, { KIOSK_PROFILE: 'demo' }).KIOSK_CONFIG).toBe('/etc/k.yaml');
    expect(configEnvironment({ profile: 'hospital' }, { KIOSK_CONFIG: '/etc/k.yaml' })).toEqual({ KIOSK_PROFILE: 'hospital' });
    expect(configEnvironment({ profile: 'border-gate', profileDir: '/r/config/kiosk' }, {}).KIOSK_CONFIG).toBe('/r/config/kiosk/border-gate.yaml');
  });
});
