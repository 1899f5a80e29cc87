// `npm run fuzz [target...]`: every parser gets FUZZ_ITERATIONS (default 100,000) mutated inputs in a
// worker with a 256 MB heap limit and a watchdog; FUZZ_JOBS workers (default: one per core) run at once,
// FUZZ_SEED picks other mutation streams.
// Fails on an untyped exception (crash), a stall (hang), a heap overflow (unbounded allocation) or seeds
// that do not parse; the offending input is written to test-results/fuzz/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TARGETS } from './targets.ts';

const iterations = Number(process.env.FUZZ_ITERATIONS ?? 100_000);
const jobs = Math.max(1, Number(process.env.FUZZ_JOBS ?? availableParallelism()));
/** Varies the mutation streams between runs; the default run is reproducible. */
const runSeed = Number(process.env.FUZZ_SEED ?? 0x9e3779b9);
const only = process.argv.slice(2);
const STALL_MS = 10_000;
/** Loading the modules and building the seeds (keys, signed SODs) may take long on a loaded machine. */
const STARTUP_MS = 120_000;
/** Room for the input being parsed (inputs above 1 MiB are not mutated further, so this holds them). */
const CURRENT_INPUT_BYTES = 2 << 20;

interface Outcome {
  name: string;
  ok: boolean;
  detail: string;
  seconds: number;
}

interface Message {
  type: 'progress' | 'crash' | 'done';
  error?: string;
  accepted?: number;
  typedErrors?: number;
  maxMs?: number;
  validSeeds?: number;
  seeds?: number;
}

function runTarget(name: string, seed: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const current = new SharedArrayBuffer(4 + CURRENT_INPUT_BYTES);
    let settled = false;
    const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
      workerData: { target: name, iterations, seed, current },
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 64 },
    });
    const finish = (ok: boolean, detail: string, saveInput = !ok) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      if (saveInput) {
        const length = Math.min(Atomics.load(new Int32Array(current, 0, 1), 0), CURRENT_INPUT_BYTES);
        const file = `test-results/fuzz/${name}-${Date.now()}.bin`;
        mkdirSync('test-results/fuzz', { recursive: true });
        writeFileSync(file, new Uint8Array(current, 4, length));
        detail += ` (input: ${file})`;
      }
      void worker.terminate();
      resolve({ name, ok, detail, seconds: (performance.now() - started) / 1000 });
    };
    let lastProgress = performance.now();
    let stallMs = STARTUP_MS;
    const watchdog = setInterval(() => {
      if (performance.now() - lastProgress > stallMs) finish(false, `hang: no progress for ${stallMs / 1000} s`);
    }, 1000);
    worker.on('message', (m: Message) => {
      lastProgress = performance.now();
      stallMs = STALL_MS;
      if (m.type === 'crash') finish(false, `crash: ${m.error?.split('\n').slice(0, 4).join(' | ')}`);
      else if (m.type === 'done') {
        const seeds = `seeds ${m.validSeeds}/${m.seeds}`;
        const detail = `${m.accepted} parsed, ${m.typedErrors} typed errors, slowest ${m.maxMs?.toFixed(1)} ms, ${seeds}`;
        finish(m.validSeeds === m.seeds, m.validSeeds === m.seeds ? detail : `${detail}: a seed does not parse`, false);
      }
    });
    worker.on('error', (err) => finish(false, `worker error (heap limit or crash): ${err.message}`));
    worker.on('exit', (code) => finish(false, `worker exited with ${code}`));
  });
}

const targets = TARGETS.filter((t) => only.length === 0 || only.includes(t.name));
const unknown = only.filter((name) => !TARGETS.some((t) => t.name === name));
if (unknown.length) throw new Error(`unknown fuzz target(s): ${unknown.join(', ')}`);
console.log(`fuzzing ${targets.length} parsers, ${iterations.toLocaleString('en')} mutated inputs each, ${jobs} at a time, seed ${runSeed}`);
const line = (o: Outcome) => `${o.ok ? 'ok  ' : 'FAIL'} ${o.name.padEnd(24)} ${o.seconds.toFixed(1).padStart(6)} s  ${o.detail}`;
const started = performance.now();
const outcomes = new Map<string, Outcome>();
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(jobs, targets.length) }, async () => {
    while (next < targets.length) {
      const index = next++;
      const outcome = await runTarget(targets[index]!.name, runSeed ^ (index + 1));
      outcomes.set(outcome.name, outcome);
      console.log(line(outcome));
    }
  }),
);
const ordered = targets.map((t) => outcomes.get(t.name)!);
const failed = ordered.filter((o) => !o.ok);
console.log(`\n${ordered.map(line).join('\n')}`);
console.log(`${ordered.length - failed.length} passed, ${failed.length} failed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = failed.length ? 1 : 0;
