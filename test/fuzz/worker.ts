// Runs one fuzz target inside a worker thread with a heap limit, so an unbounded allocation kills only
// the worker (reported as a failure) and a hang is caught by the parent's watchdog. The input being
// parsed is mirrored into a SharedArrayBuffer first, so the parent can save it even when this thread
// is stuck in a loop or dies of heap exhaustion.
import { parentPort, workerData } from 'node:worker_threads';
import { KioskError } from '../../native/hal/errors.ts';
import { mutate, Rng } from './mutate.ts';
import { TARGETS } from './targets.ts';

interface Job {
  readonly target: string;
  readonly iterations: number;
  readonly seed: number;
  /** [0..4): input length (Int32), [4..): the input bytes, truncated to the buffer. */
  readonly current: SharedArrayBuffer;
}

const job = workerData as Job;
const target = TARGETS.find((t) => t.name === job.target);
if (!target || !parentPort) throw new Error(`unknown fuzz target ${job.target}`);
const port = parentPort;
const currentLength = new Int32Array(job.current, 0, 1);
const currentBytes = new Uint8Array(job.current, 4);
const PROGRESS_MS = 500;

function mirror(input: Uint8Array): void {
  currentBytes.set(input.length > currentBytes.length ? input.subarray(0, currentBytes.length) : input);
  Atomics.store(currentLength, 0, input.length);
}

/** Parses one input: 'ok', 'typed' (a KioskError), or throws the untyped error after reporting it. */
async function attempt(input: Uint8Array): Promise<'ok' | 'typed'> {
  mirror(input);
  try {
    const result = target!.parse(input);
    if (result instanceof Promise) await result;
    return 'ok';
  } catch (err) {
    if (err instanceof KioskError) return 'typed';
    port.postMessage({ type: 'crash', error: String((err as Error)?.stack ?? err) });
    process.exit(1);
  }
}

const seeds = await target.seeds();
// The seeds are valid input by construction: each must parse, or the run starts from the wrong place.
let validSeeds = 0;
for (const seed of seeds) if ((await attempt(seed)) === 'ok') validSeeds++;
port.postMessage({ type: 'progress', done: 0 });

const rng = new Rng(job.seed);
let typedErrors = 0;
let accepted = 0;
let maxMs = 0;
let lastProgress = performance.now();
let current = seeds[0] ?? new Uint8Array(0);
for (let i = 0; i < job.iterations; i++) {
  // Half the time mutate the last input again (deeper mutations), else start from a fresh seed.
  const base = rng.below(2) === 0 ? current : seeds[rng.below(seeds.length)]!;
  const input = mutate(base, rng);
  if (input.length < 1 << 20) current = input;
  const started = performance.now();
  if ((await attempt(input)) === 'ok') accepted++;
  else typedErrors++;
  const now = performance.now();
  maxMs = Math.max(maxMs, now - started);
  if (now - lastProgress > PROGRESS_MS) {
    lastProgress = now;
    port.postMessage({ type: 'progress', done: i });
  }
}
port.postMessage({ type: 'done', iterations: job.iterations, accepted, typedErrors, maxMs, validSeeds, seeds: seeds.length });
