// Loads the kiosk config the way the kiosk starts: the base file (a profile from config/kiosk, or a
// site's own file), then an optional override file, then KIOSK_* environment variables, merged in that
// order and validated as a whole. Relative paths resolve against the file that wrote them. Any problem
// stops the kiosk with a ConfigError listing every problem, one line each, with its field path.

import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatConfigIssues } from '../../../native/hal/config-issues.ts';
import type { DeviceFactory } from '../devices/device-factory.ts';
import { ConfigError } from './config-error.ts';
import { readConfigLayer } from './config-file.ts';
import { ConfigProvenance, mergeConfigLayer } from './config-merge.ts';
import { resolveLayerPaths } from './config-paths.ts';
import { environmentLayer, type EnvironmentSetting } from './environment-overrides.ts';
import { KIOSK_PROFILES, KioskConfigSchema, kioskConfigSchema, type KioskConfig, type KioskProfile } from './kiosk-config-schema.ts';

const PROFILE_DIR = fileURLToPath(new URL('../../../config/kiosk/', import.meta.url));

/** The profile file shipped with the kiosk, e.g. `<repository>/config/kiosk/demo.yaml`. */
export function profileConfigFile(profile: KioskProfile): string {
  return resolve(PROFILE_DIR, `${profile}.yaml`);
}

export interface KioskConfigSources {
  /** The base file. */
  readonly file: string;
  /** Merged over the base. */
  readonly overrideFile?: string;
  /** KIOSK_* variables applied last (default process.env; pass `{}` to read the files alone). */
  readonly env?: NodeJS.ProcessEnv;
  /** What relative paths in the environment and in `file` arguments are relative to (default process.cwd()). */
  readonly cwd?: string;
  /** The device factory table whose schemas check driver options (tests pass their own). */
  readonly factories?: readonly DeviceFactory[];
}

/**
 * The files the kiosk reads when nobody names them: KIOSK_CONFIG, else the profile file of KIOSK_PROFILE
 * (default `demo`, so a fresh checkout starts); the override from KIOSK_CONFIG_OVERRIDE. Throws
 * ConfigError for an unknown KIOSK_PROFILE.
 */
export function defaultConfigSources(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Pick<KioskConfigSources, 'file' | 'overrideFile'> {
  const override = env.KIOSK_CONFIG_OVERRIDE ? { overrideFile: resolve(cwd, env.KIOSK_CONFIG_OVERRIDE) } : {};
  if (env.KIOSK_CONFIG) return { file: resolve(cwd, env.KIOSK_CONFIG), ...override };
  const profile = env.KIOSK_PROFILE || 'demo';
  if (!(KIOSK_PROFILES as readonly string[]).includes(profile)) {
    throw new ConfigError([`KIOSK_PROFILE: '${profile}' is not one of ${KIOSK_PROFILES.join(', ')}`], 'the environment');
  }
  return { file: profileConfigFile(profile as KioskProfile), ...override };
}

export interface LoadedKioskConfig {
  /** Deeply frozen. */
  readonly config: KioskConfig;
  /** The files read, in merge order (absolute). */
  readonly files: readonly string[];
  /** The environment variables that set a value. */
  readonly environment: readonly EnvironmentSetting[];
  /** Not errors, but worth a technician's look: KIOSK_* variables that are no setting (misspelt?). */
  readonly warnings: readonly string[];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Reads, merges and validates the config. Throws ConfigError listing every problem: a missing or
 * unreadable file, YAML syntax (with line and column), and each schema problem as
 * `path: what is wrong (allowed values)`, naming the file or variable the bad value came from when more
 * than one layer was merged.
 */
export async function loadKioskConfig(sources: KioskConfigSources): Promise<LoadedKioskConfig> {
  const cwd = sources.cwd ?? process.cwd();
  const files = [sources.file, ...(sources.overrideFile === undefined ? [] : [sources.overrideFile])].map((f) => (isAbsolute(f) ? f : resolve(cwd, f)));
  const provenance = new ConfigProvenance();
  const problems: string[] = [];
  let merged: Record<string, unknown> = {};
  for (const file of files) {
    const read = await readConfigLayer(file);
    if (!read.ok) {
      problems.push(...read.problems.map((p) => `${file}: ${p}`));
      continue;
    }
    merged = mergeConfigLayer(merged, resolveLayerPaths(read.layer, dirname(file)), file, provenance);
  }
  const env = environmentLayer(sources.env ?? process.env, cwd);
  merged = mergeConfigLayer(merged, env.layer, 'the environment', provenance);
  for (const setting of env.applied) provenance.record(setting.path, setting.variable);
  const source = [...files, ...(env.applied.length > 0 ? ['the environment'] : [])].join(' + ');
  if (problems.length > 0) throw new ConfigError(problems, source);

  const schema = sources.factories === undefined ? KioskConfigSchema : kioskConfigSchema(sources.factories);
  const result = schema.safeParse(merged, { reportInput: true });
  if (!result.success) {
    const layered = files.length > 1 || env.applied.length > 0;
    const lines = formatConfigIssues(result.error.issues).map((line, i) => {
      const issue = result.error.issues[i]!;
      // A missing value came from no layer: naming the file of the section around it would mislead.
      const given = (issue as { input?: unknown }).input !== undefined;
      const origin = layered && given ? provenance.originOf(issue.path) : undefined;
      return origin ? `${line} (from ${origin})` : line;
    });
    throw new ConfigError(lines, source);
  }
  const warnings = env.unknown.map((name) => `${name} is set but is no kiosk setting; see electron/core/config/environment-overrides.ts for the names`);
  return { config: deepFreeze(result.data), files, environment: env.applied, warnings };
}

/**
 * What the kiosk loads at start: the files defaultConfigSources names, then loadKioskConfig with the
 * same environment. Throws ConfigError; the caller prints its message and exits without starting.
 */
export function loadStartupConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<LoadedKioskConfig> {
  try {
    return loadKioskConfig({ ...defaultConfigSources(env, cwd), env, cwd });
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * Validates a config object already in memory (paths as written). Throws ConfigError. For tests and
 * for callers that build the object themselves.
 */
export function parseKioskConfig(value: unknown, source = 'config', factories?: readonly DeviceFactory[]): KioskConfig {
  const schema = factories === undefined ? KioskConfigSchema : kioskConfigSchema(factories);
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new ConfigError(formatConfigIssues(result.error.issues), source);
  return deepFreeze(result.data);
}
