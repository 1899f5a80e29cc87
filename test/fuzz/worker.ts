// Runs one fuzz target inside a worker thread with a heap limit, so an unbounded allocation kills only
// the worker (reported as a failure) and a hang is caught by the parent's watchdog.
import { parentPort, workerData } from 'node:worker_threads';
import { KioskError } from '../../native/hal/errors.ts';
import { mutate, Rng } from './mutate.ts';
import { TARGETS } from './targets.ts';

interface Job {
  readonly target: string;
  readonly iterations: number;
  readonly seed: number;
}

const job = workerData as Job;
const target = TARGETS.find((t) => t.name === job.target);
if (!target || !parentPort) throw new Error(`unknown fuzz target ${job.target}`);
const port = parentPort;

const seeds = await target.seeds();
const rng = new Rng(job.seed);
let typedErrors = 0;
let accepted = 0;
let maxMs = 0;
let current = seeds[0] ?? new Uint8Array(0);
for (let i = 0; i < job.iterations; i++) {
  // Half the time mutate the last input again (deeper mutations), else start from a fresh seed.
  const base = rng.below(2) === 0 ? current : seeds[rng.below(seeds.length)]!;
  const input = mutate(base, rng);
  if (input.length < 1 << 20) current = input;
  if (i % 1000 === 0) port.postMessage({ type: 'progress', done: i, input: Buffer.from(input).toString('base64') });
  const started = performance.now();
  try {
    const result = target.parse(input);
    if (result instanceof Promise) await result;
    accepted++;
  } catch (err) {
    if (!(err instanceof KioskError)) {
      port.postMessage({ type: 'crash', input: Buffer.from(input).toString('base64'), error: String((err as Error)?.stack ?? err) });
      process.exit(1);
    }
    typedErrors++;
  }
  maxMs = Math.max(maxMs, performance.now() - started);
}
port.postMessage({ type: 'done', iterations: job.iterations, accepted, typedErrors, maxMs });
