// `kiosk config check FILE [--override FILE] [--json] [--ignore-env]`: validates a kiosk config the way
// the kiosk loads it at start (file, override, KIOSK_* environment) and prints a short summary, or every
// problem with its field path. Exit 0 valid, 2 not valid.
//
// `kiosk config hash-pin [--cost LN]`: reads a diagnostics PIN from stdin (asked for twice, without
// echo, on a terminal) and prints the `pinHash:` line for the config, so that nobody writes a PIN down.

import { once } from 'node:events';
import { ConfigError } from '../config/config-error.ts';
import { formatConfigSummary, summarizeKioskConfig } from '../config/config-summary.ts';
import { loadKioskConfig } from '../config/load-kiosk-config.ts';
import { DEFAULT_PIN_COST, hashPin, PIN_COST_LIMITS, PIN_PATTERN } from '../config/pin-hash.ts';
import { missingReferencedFiles } from '../config/referenced-files.ts';
import { CliError } from './cli-error.ts';
import { registerCommand } from './main.ts';
import { parseOptions } from './parse-options.ts';

const USAGE = `usage: kiosk config <command>
  check FILE [--override FILE] [--json] [--ignore-env]   validate a kiosk config (exit 0 valid, 2 not)
  hash-pin [--cost LN]                                   read a diagnostics PIN from stdin, print its hash line`;

async function check(args: readonly string[]): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || file.startsWith('-')) throw new CliError(`give the config file first\n${USAGE}`);
  const { values } = parseOptions(rest, { override: { type: 'string' }, json: { type: 'boolean' }, 'ignore-env': { type: 'boolean' } });
  let loaded;
  try {
    loaded = await loadKioskConfig({ file, ...(values.override === undefined ? {} : { overrideFile: values.override }), env: values['ignore-env'] ? {} : process.env });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    if (values.json) console.log(JSON.stringify({ ok: false, source: err.source, problems: err.problems }, null, 2));
    else console.error(`kiosk config: ${err.message}`);
    return 2;
  }
  const summary = summarizeKioskConfig(loaded.config);
  const warnings = [...loaded.warnings, ...missingReferencedFiles(loaded.config)];
  const environment = loaded.environment.map((s) => s.variable);
  if (values.json) {
    console.log(JSON.stringify({ ok: true, files: loaded.files, environment, summary, warnings }, null, 2));
  } else {
    const lines = [`${loaded.files.join(' + ')}: valid`];
    if (environment.length > 0) lines.push(`environment      ${environment.join(', ')}`);
    lines.push(...formatConfigSummary(summary), ...warnings.map((w) => `warning: ${w}`));
    console.log(lines.join('\n'));
  }
  return 0;
}

/** Reads a line from a terminal without echoing it. */
async function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  let text = '';
  try {
    for (;;) {
      const [chunk] = (await once(stdin, 'data')) as [Buffer];
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return text;
        if (ch === '\u0003') throw new CliError('cancelled');
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else if (text.length < 64) text += ch;
      }
    }
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

/** The first line of piped stdin (at most 1 KiB read). */
async function readPiped(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) {
    data += (chunk as Buffer).toString('utf8');
    if (data.length > 1024 || data.includes('\n')) break;
  }
  return data.split(/\r?\n/)[0] ?? '';
}

async function hashPinCommand(args: readonly string[]): Promise<number> {
  const { values } = parseOptions(args, { cost: { type: 'string' } });
  const [min, max] = PIN_COST_LIMITS.logCost;
  const logCost = values.cost === undefined ? DEFAULT_PIN_COST.logCost : Number(values.cost);
  if (!Number.isInteger(logCost) || logCost < min || logCost > max) throw new CliError(`--cost must be an integer between ${min} and ${max} (log2 of scrypt's N)`);
  let pin: string;
  if (process.stdin.isTTY) {
    pin = await readHidden('diagnostics PIN (4 to 12 digits): ');
    if (PIN_PATTERN.test(pin) && (await readHidden('again: ')) !== pin) throw new CliError('the two PINs differ');
  } else {
    pin = await readPiped();
  }
  if (!PIN_PATTERN.test(pin)) throw new CliError('a diagnostics PIN is 4 to 12 digits (the PIN read is not shown)');
  const line = await hashPin(pin, { ...DEFAULT_PIN_COST, logCost });
  console.log(`pinHash: '${line}'`);
  return 0;
}

registerCommand({
  name: 'config',
  summary: 'config check FILE|hash-pin: validate a kiosk config; hash a diagnostics PIN for it',
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'check') return check(rest);
    if (sub === 'hash-pin') return hashPinCommand(rest);
    if (sub === '--help' || sub === 'help') {
      console.log(USAGE);
      return 0;
    }
    throw new CliError(USAGE);
  },
});
