// Bench section `card-read`: a full CCCD read (PACE, COM, DG1, DG13, DG14, DG2 of about 20 KB, DG15, SOD,
// PA, AA) and a BAC passport read on the chip simulator under a latency model of 424 kbit/s and 15 ms
// per APDU, with JMRTD's fixed 223-byte chunks against the adaptive strategy, on a link that carries
// extended-length APDUs and on a short-only reader. Goals (from the issue): at most a quarter of the
// fixed-chunk APDUs where extended length works; host CPU under 50 ms per full read.

import { SAFE_SHORT_LE } from '../../native/card/reader/binary-reader.ts';
import { TrustStore } from '../../native/card/pa/trust-store.ts';
import type { LatencyModel } from '../../native/sim/chip/chip-faults.ts';
import { loadTestPki } from '../../native/sim/pki/test-pki.ts';
import { chipProfiles, createChip, type ProfileName } from '../../native/sim/profiles/index.ts';
import { SimCardReader } from '../../native/sim/sim-card-reader.ts';
import type { BenchGoal, BenchOptions, BenchSection } from './bench-section.ts';
import { measureRead, type Phase, type ReadSample, type ReadSetup } from './card-read-measure.ts';
import { medianOf, printCardReadReport, type ScenarioResult } from './card-read-report.ts';

export const LINK_MODEL: LatencyModel = Object.freeze({ perApduMs: 15, bitsPerSecond: 424_000, mode: 'modelled' });
const CPU_GOAL_MS = 50;
const APDU_RATIO_GOAL = 0.25;

export type LinkKind = 'extended' | 'short-only';
export type Strategy = 'fixed 0xDF' | 'adaptive';

export interface Scenario {
  readonly profile: ProfileName;
  readonly link: LinkKind;
  readonly strategy: Strategy;
}

const PROFILES: readonly ProfileName[] = ['cccd', 'passport-td3'];
const LINKS: readonly LinkKind[] = ['extended', 'short-only'];
const STRATEGIES: readonly Strategy[] = ['fixed 0xDF', 'adaptive'];

export const SCENARIOS: readonly Scenario[] = PROFILES.flatMap((profile) => LINKS.flatMap((link) => STRATEGIES.map((strategy) => ({ profile, link, strategy }))));

function setupFor(scenario: Scenario, trustStore: TrustStore): ReadSetup {
  return {
    reader: new SimCardReader(`bench ${scenario.link} reader`, { extendedLengthSupported: scenario.link === 'extended' }),
    chip: createChip(scenario.profile, { latency: LINK_MODEL }),
    keys: [chipProfiles[scenario.profile].mrzKey],
    trustStore,
    ...(scenario.strategy === 'fixed 0xDF' ? { fixedChunkSize: SAFE_SHORT_LE } : {}),
  };
}

/**
 * Runs the scenarios round-robin (one read of each per round) rather than one after another, so that
 * a busy moment on a shared machine spreads over all rows instead of skewing one.
 */
async function runScenarios(trustStore: TrustStore, options: BenchOptions): Promise<ScenarioResult[]> {
  const setups = SCENARIOS.map((scenario) => ({ scenario, setup: setupFor(scenario, trustStore), samples: [] as ReadSample[] }));
  try {
    options.log(`  ${SCENARIOS.length} scenarios, ${options.warmUp} warm-up round(s) + ${options.runs} measured round(s)`);
    for (let round = 0; round < options.warmUp; round++) for (const s of setups) await measureRead(s.setup);
    for (let round = 0; round < options.runs; round++) for (const s of setups) s.samples.push(await measureRead(s.setup));
    return setups.map(({ scenario, samples }) => ({ scenario, samples }));
  } finally {
    for (const s of setups) s.setup.reader.dispose();
  }
}

function goals(results: readonly ScenarioResult[]): BenchGoal[] {
  const find = (profile: ProfileName, link: LinkKind, strategy: Strategy) => {
    const found = results.find((r) => r.scenario.profile === profile && r.scenario.link === link && r.scenario.strategy === strategy);
    if (!found) throw new Error(`no result for ${profile} ${link} ${strategy}`);
    return found;
  };
  const out: BenchGoal[] = [];
  for (const profile of PROFILES) {
    const fixedApdus = medianOf(find(profile, 'extended', 'fixed 0xDF'), (s) => s.apdus);
    const adaptiveApdus = medianOf(find(profile, 'extended', 'adaptive'), (s) => s.apdus);
    const ratio = adaptiveApdus / fixedApdus;
    out.push({
      goal: `${profile}: adaptive uses at most ${APDU_RATIO_GOAL} of the fixed-chunk APDUs where extended length works`,
      met: ratio <= APDU_RATIO_GOAL,
      detail: `adaptive/fixed APDUs = ${ratio.toFixed(2)} (${adaptiveApdus} / ${fixedApdus})`,
    });
  }
  for (const link of LINKS) {
    const read = find('cccd', link, 'adaptive');
    const terminal = medianOf(read, (s) => s.terminalMs);
    const phaseMs = (p: Phase) => medianOf(read, (s) => s.phases[p].cpuMs - s.phases[p].chipMs).toFixed(1);
    out.push({
      goal: `host CPU under ${CPU_GOAL_MS} ms per full read (terminal side, cccd adaptive, ${link} link)`,
      met: terminal < CPU_GOAL_MS,
      detail:
        `median ${terminal.toFixed(1)} ms (lowest run ${Math.min(...read.samples.map((s) => s.terminalMs)).toFixed(1)} ms); by phase: access control ${phaseMs('access')} ms, ` +
        `files ${phaseMs('files')} ms for ${medianOf(read, (s) => s.phases.files.apdus)} SM APDUs, AA ${phaseMs('auth')} ms, PA and decoding ${phaseMs('finish')} ms; ` +
        `across phases ${medianOf(read, (s) => s.ec.terminal.count)} EC scalar multiplications (OpenSSL for standard curves) take ${medianOf(read, (s) => s.ec.terminal.cpuMs).toFixed(1)} ms; ` +
        `process total ${medianOf(read, (s) => s.cpuMs).toFixed(1)} ms with the simulated chip`,
    });
  }
  return out;
}

export const cardReadBench: BenchSection = {
  name: 'card-read',
  title: 'Card read: fixed 0xDF chunks vs adaptive READ BINARY, simulator at 424 kbit/s + 15 ms/APDU',
  async run(options) {
    const pki = loadTestPki();
    const trustStore = TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl, pki.crlRsa]);
    const results = await runScenarios(trustStore, options);
    printCardReadReport(results, LINK_MODEL, options.log);
    return goals(results);
  },
};
