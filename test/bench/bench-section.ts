// What the bench runner (run.ts) knows about a bench: a named section that measures, prints its own
// tables, and states its goals as met / not met with the figures. Later benches add a section each.

export interface BenchOptions {
  /** Measured runs per scenario (the median is reported). */
  readonly runs: number;
  /** Unmeasured runs per scenario first, so the JIT and caches settle. */
  readonly warmUp: number;
  readonly log: (line: string) => void;
}

export interface BenchGoal {
  /** The goal as the issue states it, e.g. "host CPU under 50 ms per full read". */
  readonly goal: string;
  readonly met: boolean;
  /** The figures behind the verdict, e.g. "adaptive/fixed APDUs = 0.09 (11 / 121)". */
  readonly detail: string;
}

export interface BenchSection {
  /** Short name to select the section on the command line (`npm run bench -- card-read`). */
  readonly name: string;
  readonly title: string;
  run(options: BenchOptions): Promise<readonly BenchGoal[]>;
}

export function formatGoal(goal: BenchGoal): string {
  return `${goal.met ? 'MET    ' : 'NOT MET'}  ${goal.goal}: ${goal.detail}`;
}
