// Reads one layer of the kiosk config from a YAML file: size-bounded, YAML 1.2 core schema (so `yes`
// stays a string and 0x2109 is a number), duplicate keys refused, aliases bounded. Problems come back as
// lines with the line and column, for ConfigError.

import { readFile, stat } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { isMapping } from './config-merge.ts';

/** Config files are small; anything larger is not a config file. */
export const MAX_CONFIG_BYTES = 1 << 20;

export type ConfigLayerResult = { readonly ok: true; readonly layer: Record<string, unknown> } | { readonly ok: false; readonly problems: readonly string[] };

/** Parses YAML text that must hold a mapping (an empty file is an empty mapping). */
export function parseConfigLayer(text: string): ConfigLayerResult {
  // logLevel 'error': a warning (e.g. a mapping used as a key, which becomes a text key the schema then
  // refuses) must not go to the process's stderr behind the schema's back.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, strict: true, logLevel: 'error' });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const at = e.linePos?.[0];
        // prettyErrors appends " at line L, column C:" and a source excerpt; keep the one-line message.
        const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        return `${at ? `line ${at.line}, column ${at.col}: ` : ''}${message}`;
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, problems: [err instanceof Error ? err.message : String(err)] };
  }
  if (value === null || value === undefined) return { ok: true, layer: {} };
  if (!isMapping(value)) return { ok: false, problems: [`(top level): expected a mapping of sections (profile:, kiosk:, devices:, ...), got ${Array.isArray(value) ? 'a list' : typeof value}`] };
  return { ok: true, layer: value };
}

/** Reads and parses a config file; a missing, unreadable or oversized file is a problem line too. */
export async function readConfigLayer(path: string): Promise<ConfigLayerResult> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, problems: ['is not a file'] };
    if (info.size > MAX_CONFIG_BYTES) return { ok: false, problems: [`is ${info.size} bytes; a config file is at most ${MAX_CONFIG_BYTES}`] };
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, problems: [code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(err)})`] };
  }
  return parseConfigLayer(text);
}
