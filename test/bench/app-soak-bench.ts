// Bench section `app-soak`: 2,000 hospital check-ins in a row through the core's contract (no browser),
// with the demo profile's devices at full simulator speed, and the core's memory before and after.
//
// The core runs alone in a child process (app/soak-core-child.ts, `node --expose-gc`), started from the
// demo profile with a fresh data dir and one change: the central service is a central-service simulator
// in this bench's process (remote mode, signed requests over loopback), so that the check-ins it stores
// are not counted as the core's memory. The child reports process.memoryUsage() after two full GCs:
// "before" after a warm-up of 50 check-ins, then every 250, "after" at the end. Heap after GC is the
// figure the goal judges, external memory (Buffers) is judged alike; RSS is shown too (it also holds code, SQLite's page cache and freed-but-kept pages).
// At the end the outbox must account for every check-in (diagnostics queue counts: pending + sending +
// accepted + rejected + dead-lettered) and, once drained, the central service must hold each one.
//
// The number of check-ins is SOAK_CHECKINS (default 2000), e.g. `SOAK_CHECKINS=300 npm run bench -- app-soak`.
// SOAK_HEAP_SNAPSHOTS=DIR also writes the core's heap before and after (DIR/soak-before.heapsnapshot,
// DIR/soak-after.heapsnapshot) to compare in Chrome DevTools when the memory grows.
// Goals: heap growth under 20 MB over the soak (the goal); the same for the memory outside the
// heap that the core's Buffers hold (a leak of images would hide there); no check-in lost.

import { fork, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustStore } from '../../native/card/pa/trust-store.ts';
import { CentralSimulator } from '../../native/sim/central/central-simulator.ts';
import { loadTestPki } from '../../native/sim/pki/test-pki.ts';
import type { QueueView } from '../../electron/contract/index.ts';
import { REPOSITORY } from '../e2e/support/kiosk-process.ts';
import { CHECK_IN_STEPS, contractCheckIn, ContractKiosk, type CheckInStep } from './app/contract-check-in.ts';
import type { SoakChildMessage, SoakParentMessage } from './app/soak-core-child.ts';
import type { BenchGoal, BenchSection } from './bench-section.ts';
import { formatTable, median } from './text-table.ts';

const WARM_UP = 50;
const SAMPLE_EVERY = 250;
const HEAP_GROWTH_GOAL_MB = 20;
const DEMO_PIN = '246810';
const KIOSK_ID = 'demo-kiosk';
const DRAIN_LIMIT_MS = 120_000;

function soakCount(): number {
  const raw = process.env.SOAK_CHECKINS;
  if (raw === undefined || raw === '') return 2000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error('SOAK_CHECKINS must be an integer between 1 and 100000');
  return n;
}

const STEP_MEANING: Readonly<Record<CheckInStep, string>> = Object.freeze({
  start: 'flow.start -> presentCard',
  read: 'QR scan + card -> fingerprint (nonce, chip read, PA/AA/CA)',
  fingerprint: 'finger -> chooseDepartment (capture, online check, departments)',
  choose: 'department -> confirm',
  'save+print': 'confirm -> done (commit, ticket render and print)',
  back: 'card off, cancel -> welcome',
});

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);

/** The core child and its two-way channel. */
class CoreChild {
  private stderrTail = '';
  private readonly waiting: ((m: SoakChildMessage) => void)[] = [];
  readonly exited: Promise<number | null>;

  constructor(private readonly child: ChildProcess) {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-8000);
    });
    child.on('message', (m: SoakChildMessage) => this.waiting.shift()?.(m));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get stderr(): string {
    return this.stderrTail;
  }

  /** The next message from the child; rejects when it exits first. */
  next(command?: SoakParentMessage): Promise<SoakChildMessage> {
    const message = new Promise<SoakChildMessage>((resolve) => this.waiting.push(resolve));
    if (command) this.child.send(command);
    return Promise.race([message, this.exited.then((code) => Promise.reject(new Error(`the core child exited (${code})\n${this.stderrTail}`)))]);
  }

  async heapSnapshot(file: string): Promise<string> {
    const reply = await this.next({ type: 'heapSnapshot', file });
    if (reply.type !== 'heapSnapshot') throw new Error(`expected a heap snapshot reply, got ${reply.type}`);
    return reply.file;
  }

  async memory(): Promise<NodeJS.MemoryUsage> {
    const reply = await this.next({ type: 'memory' });
    if (reply.type !== 'memory') throw new Error(`expected a memory reply, got ${reply.type}`);
    return reply.usage;
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.send({ type: 'stop' } satisfies SoakParentMessage);
    return this.exited;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

interface Sample {
  readonly checkIns: number;
  readonly usage: NodeJS.MemoryUsage;
  readonly seconds: number;
}

async function startCore(dir: string, centralUrl: string, keyFile: string): Promise<{ core: CoreChild; contractUrl: string; token: string }> {
  const override = join(dir, 'central.override.yaml');
  await writeFile(
    override,
    ['centralService:', '  mode: remote', '  port: null', `  url: ${centralUrl}`, `  keyId: ${KIOSK_ID}`, `  signingKeyFile: ${keyFile}`, ''].join('\n'),
  );
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('KIOSK_')) env[name] = value;
  Object.assign(env, { KIOSK_PROFILE: 'demo', KIOSK_FLOW: 'hospital', KIOSK_DATA_DIR: join(dir, 'data'), KIOSK_CONFIG_OVERRIDE: override, KIOSK_LOG_LEVEL: 'warn' });
  const child = fork(join(REPOSITORY, 'bin/run-ts.mjs'), [join(REPOSITORY, 'test/bench/app/soak-core-child.ts')], {
    cwd: REPOSITORY,
    env,
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const core = new CoreChild(child);
  const ready = await core.next();
  if (ready.type !== 'ready') {
    core.kill();
    throw new Error(`the core did not start: ${ready.type === 'failed' ? ready.message : ready.type}\n${core.stderr}`);
  }
  return { core, contractUrl: ready.contractUrl, token: ready.token };
}

/** The outbox's counts from an unlocked diagnostics session, once nothing is pending or being sent (bounded wait). */
async function drainedQueue(contractUrl: string, token: string): Promise<QueueView> {
  const technician = await ContractKiosk.connect(contractUrl, token, 'agent');
  try {
    await technician.request({ type: 'diagnostics.unlock', pin: DEMO_PIN });
    const started = performance.now();
    for (;;) {
      const result = await technician.request({ type: 'diagnostics.refresh' });
      if (result.kind !== 'diagnostics') throw new Error(`diagnostics.refresh answered ${result.kind}`);
      const { queue } = result.view;
      if ((queue.pending === 0 && queue.sending === 0) || performance.now() - started > DRAIN_LIMIT_MS) return queue;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await technician.close();
  }
}

export const appSoakBench: BenchSection = {
  name: 'app-soak',
  title: 'soak: hospital check-ins through the core contract at simulator speed, core memory before and after',
  async run(options) {
    const count = soakCount();
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-soak-'));
    const pki = loadTestPki();
    const kioskKey = generateKeyPairSync('ed25519');
    const keyFile = join(dir, 'kiosk.ed25519.pem');
    await writeFile(keyFile, kioskKey.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const central = await CentralSimulator.start({
      dataDir: join(dir, 'central'),
      kiosks: [{ keyId: KIOSK_ID, kioskId: KIOSK_ID, publicKey: kioskKey.publicKey }],
      trustStore: TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl, pki.crlRsa]),
    });
    let core: CoreChild | undefined;
    try {
      const started = await startCore(dir, central.url, keyFile);
      core = started.core;
      const screen = await ContractKiosk.connect(started.contractUrl, started.token, 'screen');
      // The demo profile starts with a card on the reader; a person brings their own.
      await screen.request({ type: 'demo.removeCard' });
      options.log(`  ${WARM_UP} warm-up check-ins, then ${count} measured; memory after two full GCs every ${SAMPLE_EVERY}`);
      for (let i = 0; i < WARM_UP; i++) await contractCheckIn(screen, i);
      const samples: Sample[] = [{ checkIns: 0, usage: await core.memory(), seconds: 0 }];
      const snapshots = process.env.SOAK_HEAP_SNAPSHOTS;
      if (snapshots) options.log(`  heap snapshot: ${await core.heapSnapshot(join(snapshots, 'soak-before.heapsnapshot'))}`);
      const t0 = performance.now();
      let busyMs = 0;
      const steps: Record<CheckInStep, number>[] = [];
      for (let i = 0; i < count; i++) {
        const t = performance.now();
        steps.push(await contractCheckIn(screen, WARM_UP + i));
        busyMs += performance.now() - t;
        if ((i + 1) % SAMPLE_EVERY === 0 || i + 1 === count) {
          samples.push({ checkIns: i + 1, usage: await core.memory(), seconds: (performance.now() - t0) / 1000 });
          options.log(`  ${i + 1} check-ins, ${(busyMs / 1000).toFixed(0)} s, heap ${mb(samples.at(-1)!.usage.heapUsed)} MB`);
        }
      }
      if (snapshots) options.log(`  heap snapshot: ${await core.heapSnapshot(join(snapshots, 'soak-after.heapsnapshot'))}`);
      await screen.close();
      const queue = await drainedQueue(started.contractUrl, started.token);
      const stored = central.counts().stored;
      const exit = await core.stop();

      const before = samples[0]!.usage;
      const after = samples.at(-1)!.usage;
      options.log(
        '\n' +
          formatTable(
            [{ header: 'check-ins' }, { header: 'heapUsed MB' }, { header: 'heapTotal MB' }, { header: 'external MB' }, { header: 'RSS MB' }, { header: 'elapsed s' }],
            samples.map((s) => [s.checkIns === 0 ? `0 (after ${WARM_UP} warm-up)` : String(s.checkIns), mb(s.usage.heapUsed), mb(s.usage.heapTotal), mb(s.usage.external), mb(s.usage.rss), s.seconds.toFixed(0)]),
          ),
      );
      const p90 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.9))]!;
      options.log(
        '\n' +
          formatTable(
            [{ header: 'step (request -> next screen)', align: 'left' }, { header: 'median ms' }, { header: 'p90 ms' }],
            CHECK_IN_STEPS.map((step) => [STEP_MEANING[step], median(steps.map((s) => s[step])).toFixed(0), p90(steps.map((s) => s[step])).toFixed(0)]),
          ),
      );
      const total = WARM_UP + count;
      const inStore = queue.pending + queue.sending + queue.accepted + queue.rejected + queue.deadLettered;
      const rate = count / (busyMs / 1000);
      options.log(
        `\n  ${count} check-ins in ${(busyMs / 1000).toFixed(0)} s of check-ins = ${rate.toFixed(1)} check-ins/s (${(busyMs / count).toFixed(0)} ms each)` +
          `\n  outbox: ${inStore} of ${total} (accepted ${queue.accepted}, pending ${queue.pending}, sending ${queue.sending}, rejected ${queue.rejected}, dead-lettered ${queue.deadLettered}); central service holds ${stored}; core exit ${exit}`,
      );
      const heapGrowth = after.heapUsed - before.heapUsed;
      const goals: BenchGoal[] = [
        {
          goal: `core heap growth under ${HEAP_GROWTH_GOAL_MB} MB over ${count} check-ins (after GC)`,
          met: heapGrowth < HEAP_GROWTH_GOAL_MB * MB,
          detail: `heapUsed ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} MB (${heapGrowth >= 0 ? '+' : ''}${mb(heapGrowth)} MB); RSS ${mb(before.rss)} -> ${mb(after.rss)} MB (${after.rss >= before.rss ? '+' : ''}${mb(after.rss - before.rss)} MB)`,
        },
        {
          // Buffers and ArrayBuffers live outside the heap; what stays allocated after GC is held by the core too.
          goal: `core external (Buffer / ArrayBuffer) memory growth under ${HEAP_GROWTH_GOAL_MB} MB over ${count} check-ins (after GC)`,
          met: after.external - before.external < HEAP_GROWTH_GOAL_MB * MB,
          detail: `external ${mb(before.external)} -> ${mb(after.external)} MB (${after.external >= before.external ? '+' : ''}${mb(after.external - before.external)} MB, ${((after.external - before.external) / count / 1024).toFixed(1)} KB per check-in)`,
        },
        {
          goal: 'no check-in lost: every one in the outbox, and synced to the central service',
          met: inStore === total && queue.accepted === total && stored === total,
          detail: `${total} check-ins (${WARM_UP} warm-up + ${count}); outbox counts ${inStore}, accepted ${queue.accepted}; central service stored ${stored}`,
        },
      ];
      return goals;
    } catch (error) {
      if (core) (error as Error).message += `\n--- core stderr (tail) ---\n${core.stderr}`;
      throw error;
    } finally {
      core?.kill();
      await central.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
