// `npm run fuzz`: every parser gets FUZZ_ITERATIONS (default 100,000) mutated inputs in a worker with a
// 256 MB heap limit and a watchdog. Fails on an untyped exception (crash), a stall (hang) or a heap
// overflow (unbounded allocation); the offending input is written to test-results/fuzz/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { TARGETS } from './targets.ts';

const iterations = Number(process.env.FUZZ_ITERATIONS ?? 100_000);
const only = process.argv.slice(2);
const STALL_MS = 10_000;

interface Outcome {
  name: string;
  ok: boolean;
  detail: string;
  seconds: number;
}

function runTarget(name: string, seed: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    let lastInput = '';
    let settled = false;
    const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
      workerData: { target: name, iterations, seed },
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 64 },
    });
    const finish = (ok: boolean, detail: string, input?: string) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      if (!ok && input) {
        mkdirSync('test-results/fuzz', { recursive: true });
        writeFileSync(`test-results/fuzz/${name}-${Date.now()}.bin`, Buffer.from(input, 'base64'));
      }
      void worker.terminate();
      resolve({ name, ok, detail, seconds: (performance.now() - started) / 1000 });
    };
    let lastProgress = performance.now();
    const watchdog = setInterval(() => {
      if (performance.now() - lastProgress > STALL_MS) finish(false, `hang: no progress for ${STALL_MS / 1000} s`, lastInput);
    }, 1000);
    worker.on('message', (m: { type: string; input?: string; error?: string; accepted?: number; typedErrors?: number; maxMs?: number }) => {
      lastProgress = performance.now();
      if (m.type === 'progress') lastInput = m.input ?? '';
      else if (m.type === 'crash') finish(false, `crash: ${m.error?.split('\n').slice(0, 3).join(' | ')}`, m.input);
      else if (m.type === 'done') finish(true, `${m.accepted} parsed, ${m.typedErrors} typed errors, slowest ${m.maxMs?.toFixed(1)} ms`);
    });
    worker.on('error', (err) => finish(false, `worker error (heap limit or crash): ${err.message}`, lastInput));
    worker.on('exit', (code) => finish(false, `worker exited with ${code}`, lastInput));
  });
}

const targets = TARGETS.filter((t) => only.length === 0 || only.includes(t.name));
console.log(`fuzzing ${targets.length} parsers, ${iterations.toLocaleString('en')} mutated inputs each`);
const outcomes: Outcome[] = [];
for (const [i, t] of targets.entries()) {
  const outcome = await runTarget(t.name, 0x9e3779b9 ^ (i + 1));
  outcomes.push(outcome);
  console.log(`${outcome.ok ? 'ok  ' : 'FAIL'} ${t.name.padEnd(22)} ${outcome.seconds.toFixed(1).padStart(6)} s  ${outcome.detail}`);
}
const failed = outcomes.filter((o) => !o.ok);
console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
process.exitCode = failed.length ? 1 : 0;
