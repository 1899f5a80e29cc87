// KIOSK_* environment variables: the last layer of the config, for what differs per machine or per
// deployment secret store without editing files. Each variable sets one setting; an empty variable is
// ignored. Numbers are read as such; anything else stays text for the schema to judge, so
// a bad value is reported like a bad file value, naming the variable it came from.
//
// | variable                       | setting                          |
// | ------------------------------ | -------------------------------- |
// | KIOSK_CONFIG                   | the base config file (else KIOSK_PROFILE's profile file) |
// | KIOSK_PROFILE                  | demo, hospital or border-gate: config/kiosk/<profile>.yaml (default demo) |
// | KIOSK_CONFIG_OVERRIDE          | the override file merged over the base |
// | (ENVIRONMENT_SETTINGS below)   | one setting each; paths relative to the working directory |

import { isAbsolute, resolve } from 'node:path';
import type { ConfigPath } from './config-merge.ts';

export interface EnvironmentSetting {
  readonly variable: string;
  readonly path: ConfigPath;
  readonly kind: 'text' | 'number' | 'path';
}

/** Variables that choose which files are read (config-sources.ts), not a setting. */
export const FILE_VARIABLES = Object.freeze(['KIOSK_CONFIG', 'KIOSK_PROFILE', 'KIOSK_CONFIG_OVERRIDE'] as const);

export const ENVIRONMENT_SETTINGS: readonly EnvironmentSetting[] = Object.freeze([
  { variable: 'KIOSK_ID', path: ['kiosk', 'id'], kind: 'text' },
  { variable: 'KIOSK_SITE_NAME', path: ['kiosk', 'siteName'], kind: 'text' },
  { variable: 'KIOSK_FLOW', path: ['flow'], kind: 'text' },
  { variable: 'KIOSK_CENTRAL_MODE', path: ['centralService', 'mode'], kind: 'text' },
  { variable: 'KIOSK_CENTRAL_URL', path: ['centralService', 'url'], kind: 'text' },
  { variable: 'KIOSK_CENTRAL_KEY_ID', path: ['centralService', 'keyId'], kind: 'text' },
  { variable: 'KIOSK_CENTRAL_SIGNING_KEY_FILE', path: ['centralService', 'signingKeyFile'], kind: 'path' },
  { variable: 'KIOSK_CENTRAL_CA_FILE', path: ['centralService', 'tls', 'caFile'], kind: 'path' },
  { variable: 'KIOSK_DATA_DIR', path: ['store', 'dataDir'], kind: 'path' },
  { variable: 'KIOSK_TRUST_STORE', path: ['trustStore', 'path'], kind: 'path' },
  { variable: 'KIOSK_LOG_LEVEL', path: ['logging', 'level'], kind: 'text' },
  { variable: 'KIOSK_LOG_DIR', path: ['logging', 'directory'], kind: 'path' },
  { variable: 'KIOSK_LANGUAGE', path: ['ui', 'defaultLanguage'], kind: 'text' },
  { variable: 'KIOSK_DIAGNOSTICS_PIN_HASH', path: ['diagnostics', 'pinHash'], kind: 'text' },
  { variable: 'KIOSK_SYNC_BATCH_SIZE', path: ['sync', 'batchSize'], kind: 'number' },
  { variable: 'KIOSK_HOSPITAL_FINGERPRINT', path: ['flows', 'hospital', 'fingerprint'], kind: 'text' },
  { variable: 'KIOSK_BORDER_GATE_FINGERPRINT', path: ['flows', 'borderGate', 'fingerprint'], kind: 'text' },
]);

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function convert(setting: EnvironmentSetting, raw: string, cwd: string): unknown {
  switch (setting.kind) {
    case 'number':
      return NUMBER.test(raw.trim()) ? Number(raw) : raw;
    case 'path':
      return isAbsolute(raw) ? raw : resolve(cwd, raw);
    case 'text':
      return raw;
  }
}

export interface EnvironmentLayer {
  /** The settings the environment sets, nested like a config file. */
  readonly layer: Record<string, unknown>;
  /** Each variable used and the setting it set, e.g. `KIOSK_DATA_DIR` -> ['store', 'dataDir']. */
  readonly applied: readonly EnvironmentSetting[];
  /** KIOSK_* variables that are no setting: most likely a misspelt name. */
  readonly unknown: readonly string[];
}

/** The config layer the environment makes. Relative paths resolve against `cwd`. */
export function environmentLayer(env: NodeJS.ProcessEnv, cwd: string): EnvironmentLayer {
  const layer: Record<string, unknown> = {};
  const applied: EnvironmentSetting[] = [];
  for (const setting of ENVIRONMENT_SETTINGS) {
    const raw = env[setting.variable];
    if (raw === undefined || raw === '') continue;
    let parent = layer;
    for (const key of setting.path.slice(0, -1)) parent = (parent[key] ??= {}) as Record<string, unknown>;
    parent[setting.path[setting.path.length - 1] as string] = convert(setting, raw, cwd);
    applied.push(setting);
  }
  const known = new Set<string>([...FILE_VARIABLES, ...ENVIRONMENT_SETTINGS.map((s) => s.variable)]);
  const unknown = Object.keys(env)
    .filter((name) => name.startsWith('KIOSK_') && !known.has(name))
    .sort();
  return { layer, applied, unknown };
}
