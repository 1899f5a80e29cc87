// The settings that name files or folders. A relative path means "relative to the file it is written
// in" (so a profile can point at `../../.kiosk-data/demo`, and an override file in /etc/kiosk at
// `keys/kiosk.pem`); the loader resolves each layer's paths against its own folder before merging.
// Device transport paths (/dev/ttyUSB0, COM3) are device names, not files, and are left alone.

import { isAbsolute, resolve } from 'node:path';
import { isMapping, type ConfigPath } from './config-merge.ts';

export const PATH_SETTINGS: readonly ConfigPath[] = Object.freeze([
  ['store', 'dataDir'],
  ['store', 'databasePath'],
  ['store', 'key', 'path'],
  ['store', 'key', 'sealedKeyPath'],
  ['trustStore', 'path'],
  ['logging', 'directory'],
  ['centralService', 'dataDir'],
  ['centralService', 'signingKeyFile'],
  ['centralService', 'tls', 'caFile'],
  ['centralService', 'tls', 'clientCertificateFile'],
  ['centralService', 'tls', 'clientKeyFile'],
]);

/** Whether `path` is one of PATH_SETTINGS. */
export function isPathSetting(path: ConfigPath): boolean {
  return PATH_SETTINGS.some((p) => p.length === path.length && p.every((key, i) => key === path[i]));
}

/**
 * A copy of one layer with its relative path settings made absolute against `baseDir`. Values that are
 * not strings are left for the schema to report.
 */
export function resolveLayerPaths(layer: Record<string, unknown>, baseDir: string): Record<string, unknown> {
  const copy = structuredClone(layer);
  for (const path of PATH_SETTINGS) {
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = isMapping(parent) && Object.hasOwn(parent, key) ? parent[key as string] : undefined;
    const last = path[path.length - 1] as string;
    if (!isMapping(parent) || !Object.hasOwn(parent, last)) continue;
    const value = parent[last];
    if (typeof value === 'string' && value !== '' && !isAbsolute(value)) parent[last] = resolve(baseDir, value);
  }
  return copy;
}
