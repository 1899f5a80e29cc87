// `npm run bench [-- SECTION...] [--runs N] [--warm-up N] [--strict]`: runs the registered bench sections
// (all, or those named), prints each section's tables and a MET / NOT MET line per goal. Exits 1 on an
// error, and with --strict also when a goal is not met. Benches measure; tests never assert timings.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { appBorderBench } from './app-border-bench.ts';
import { appCheckinBench } from './app-checkin-bench.ts';
import { appSoakBench } from './app-soak-bench.ts';
import { appStartBench } from './app-start-bench.ts';
import { formatGoal, type BenchGoal, type BenchSection } from './bench-section.ts';
import { cardReadBench } from './card-read-bench.ts';
import { fingerprintBench } from './fingerprint-bench.ts';
import { storeBench } from './store-bench.ts';
import { syncBench } from './sync-bench.ts';
import { ticketBench } from './ticket-bench.ts';

/** Every bench section, in the order they run. Add new sections here. */
const SECTIONS: readonly BenchSection[] = [cardReadBench, storeBench, syncBench, ticketBench, fingerprintBench, appStartBench, appCheckinBench, appBorderBench, appSoakBench];

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new Error(`--${name} must be an integer between 0 and 1000`);
  return n;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string' }, 'warm-up': { type: 'string' }, strict: { type: 'boolean' } },
});
const unknown = positionals.filter((name) => !SECTIONS.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`unknown bench section(s): ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const options = { runs: Math.max(1, count(values.runs, 'runs', 10)), warmUp: count(values['warm-up'], 'warm-up', 3), log: (line: string) => console.log(line) };
const selected = SECTIONS.filter((s) => positionals.length === 0 || positionals.includes(s.name));

const load = loadavg().map((n) => n.toFixed(2)).join(' ');
console.log(`node ${process.version}, ${cpus().length} CPU(s) ${cpus()[0]?.model ?? ''}, load average ${load}`);

const verdicts: { section: BenchSection; goals: readonly BenchGoal[] }[] = [];
for (const section of selected) {
  const started = performance.now();
  console.log(`\n== ${section.name}: ${section.title}`);
  const goals = await section.run(options);
  verdicts.push({ section, goals });
  console.log(`\n${section.name} goals:`);
  for (const goal of goals) console.log(`  ${formatGoal(goal)}`);
  console.log(`(${section.name} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
const unmet = verdicts.flatMap((v) => v.goals.filter((g) => !g.met).map((g) => `${v.section.name}: ${g.goal}`));
console.log(`\n${unmet.length === 0 ? 'all bench goals met' : `${unmet.length} bench goal(s) not met`}`);
if (values.strict && unmet.length > 0) process.exitCode = 1;
