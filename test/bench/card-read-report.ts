// Prints the card-read bench: the link table (APDUs, bytes, modelled time against the physical limit),
// the host CPU table (total, chip, terminal, and per phase), and how the limit was computed.

import { PHASE_MEANING, PHASES, type ReadSample } from './card-read-measure.ts';
import type { LinkKind, Scenario } from './card-read-bench.ts';
import { physicalLimit, type LinkModel, type PhysicalLimit } from './physical-limit.ts';
import { fixed, formatTable, median } from './text-table.ts';

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly samples: readonly ReadSample[];
}

export function medianOf(result: ScenarioResult, pick: (s: ReadSample) => number): number {
  return median(result.samples.map(pick));
}

const protocolApdus = (s: ReadSample) => s.phases.access.apdus + s.phases.auth.apdus;
const protocolBytes = (s: ReadSample) => s.phases.access.bytes + s.phases.auth.bytes;

/** The limit for one document on one link, from the adaptive run's protocol exchanges and file sizes. */
function limitFor(results: readonly ScenarioResult[], profile: string, link: LinkKind, model: LinkModel): { limit: PhysicalLimit; sample: ReadSample } {
  const result = results.find((r) => r.scenario.profile === profile && r.scenario.link === link && r.scenario.strategy === 'adaptive');
  const sample = result?.samples[0];
  if (!sample) throw new Error(`no adaptive sample for ${profile} ${link}`);
  const limit = physicalLimit({
    model,
    extendedLength: link === 'extended',
    smBlockSize: sample.secureMessaging === 'AES' ? 16 : 8,
    protocolApdus: protocolApdus(sample),
    protocolBytes: protocolBytes(sample),
    fileSizes: sample.fileSizes.values(),
  });
  return { limit, sample };
}

export function printCardReadReport(results: readonly ScenarioResult[], model: LinkModel, log: (line: string) => void): void {
  const runs = results[0]?.samples.length ?? 0;
  const limitOf = (s: Scenario) => limitFor(results, s.profile, s.link, model).limit;
  const fixedApdusOf = (s: Scenario) => {
    const base = results.find((r) => r.scenario.profile === s.profile && r.scenario.link === s.link && r.scenario.strategy === 'fixed 0xDF');
    return base ? medianOf(base, (x) => x.apdus) : NaN;
  };

  log('');
  log(`Link under the model (${model.perApduMs} ms per APDU + ${model.bitsPerSecond / 1000} kbit/s for command and response bytes); medians of ${runs} runs`);
  log(
    formatTable(
      [{ header: 'document', align: 'left' }, { header: 'link', align: 'left' }, { header: 'strategy', align: 'left' }, { header: 'APDUs' }, { header: 'vs fixed' }, { header: 'wire bytes' }, { header: 'link ms' }, { header: 'limit ms' }, { header: 'link/limit' }, { header: 'wall ms' }],
      results.map((r) => {
        const link = medianOf(r, (s) => s.linkMs);
        const limit = limitOf(r.scenario).ms;
        const apdus = medianOf(r, (s) => s.apdus);
        return [
          `${r.scenario.profile} (${r.samples[0]?.secureMessaging ?? '?'} SM)`,
          r.scenario.link,
          r.scenario.strategy,
          String(apdus),
          fixed(apdus / fixedApdusOf(r.scenario), 2),
          String(medianOf(r, (s) => s.bytes)),
          fixed(link),
          fixed(limit),
          fixed(link / limit, 2),
          fixed(link + medianOf(r, (s) => s.terminalMs)),
        ];
      }),
    ),
  );
  log('  link ms = modelled link time summed by the chip simulator (not slept); wall ms = link ms + terminal-side host CPU.');

  log('');
  log('Physical limit (least time any strategy could take on the same link):');
  log('  limit = (protocol APDUs + per file ceil(size / max protected payload)) x per-APDU ms + (protocol bytes + file bytes) x 8 / bit rate;');
  log('  protocol = access control (EF.CardAccess, PACE/BAC, SELECT application) and CA/AA exchanges, as measured;');
  log('  files = COM, DGs, SOD content only (no READ BINARY header, SM wrapping or status word).');
  const pairs = [...new Set(results.map((r) => `${r.scenario.profile}|${r.scenario.link}`))];
  for (const pair of pairs) {
    const [profile, link] = pair.split('|') as [string, LinkKind];
    const { limit, sample } = limitFor(results, profile, link, model);
    const fileBytes = [...sample.fileSizes.values()].reduce((a, b) => a + b, 0);
    const apduMs = limit.apdus * model.perApduMs;
    log(
      `  ${profile} ${link}: (${protocolApdus(sample)} + ${limit.apdus - protocolApdus(sample)} file APDUs of <= ${limit.maxPayload} B) x ${model.perApduMs} ms` +
        ` + (${protocolBytes(sample)} + ${fileBytes} B [${[...sample.fileSizes].map(([n, b]) => `${n} ${b}`).join(', ')}]) x 8 / ${model.bitsPerSecond / 1000} kbit/s` +
        ` = ${fixed(apduMs)} + ${fixed(limit.ms - apduMs)} = ${fixed(limit.ms)} ms`,
    );
    // The limit takes the protocol exchanges from the adaptive run; say so if the baseline made different ones.
    for (const r of results.filter((x) => x.scenario.profile === profile && x.scenario.link === link)) {
      const other = r.samples[0];
      if (other && protocolApdus(other) !== protocolApdus(sample)) {
        log(`    note: ${r.scenario.strategy} made ${protocolApdus(other)} protocol APDUs, not ${protocolApdus(sample)}`);
      }
    }
  }

  log('');
  log(`Host CPU, ms (medians of ${runs} runs after warm-up; process.cpuUsage user+system; chip = time inside the simulator's transmit; terminal = total - chip)`);
  log(
    formatTable(
      [
        { header: 'document', align: 'left' },
        { header: 'link', align: 'left' },
        { header: 'strategy', align: 'left' },
        { header: 'total' },
        { header: 'chip' },
        { header: 'terminal' },
        { header: 'min' },
        ...PHASES.map((p) => ({ header: `${p} T/C` })),
        { header: 'EC mults T/C (n)' },
        { header: 'elapsed' },
      ],
      results.map((r) => [
        r.scenario.profile,
        r.scenario.link,
        r.scenario.strategy,
        fixed(medianOf(r, (s) => s.cpuMs)),
        fixed(medianOf(r, (s) => s.chipMs)),
        fixed(medianOf(r, (s) => s.terminalMs)),
        fixed(Math.min(...r.samples.map((s) => s.terminalMs))),
        ...PHASES.map((p) => `${fixed(medianOf(r, (s) => s.phases[p].cpuMs - s.phases[p].chipMs))} / ${fixed(medianOf(r, (s) => s.phases[p].chipMs))}`),
        `${fixed(medianOf(r, (s) => s.ec.terminal.cpuMs))} / ${fixed(medianOf(r, (s) => s.ec.chip.cpuMs))} (${medianOf(r, (s) => s.ec.terminal.count)}/${medianOf(r, (s) => s.ec.chip.count)})`,
        fixed(medianOf(r, (s) => s.elapsedMs)),
      ]),
    ),
  );
  log('  min = the lowest terminal CPU of the runs (the noise floor on a shared machine); T/C = terminal / chip CPU in the phase:');
  for (const p of PHASES) log(`    ${p.padEnd(7)} ${PHASE_MEANING[p]}`);
  log('  EC mults = elliptic-curve scalar multiplications (EcGroup.multiply: OpenSSL constant-time ladder for standard curves, @noble/curves otherwise): CPU ms terminal / chip (count terminal/chip);');
  log('  elapsed = wall clock of the in-process read (both sides, nothing slept): above total CPU when the machine is busy.');
}
