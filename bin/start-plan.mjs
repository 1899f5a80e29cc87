// What `npm start` does, decided without side effects so it can be tested: which shell (Electron when
// its binary is usable and there is a display, else the browser shell), and whether a build must run
// first. Electron's own index.js downloads the binary when it is missing, so it is never required here:
// the binary is found the way that file finds it (path.txt next to electron/package.json, under dist/,
// or ELECTRON_OVERRIDE_DIST_PATH).

import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * @typedef {{ usable: true, path: string } | { usable: false, reason: string }} ElectronBinary
 */

/**
 * Finds a runnable Electron binary. Never throws.
 * @param {string} root the repository (where package.json is)
 * @param {NodeJS.ProcessEnv} env
 * @returns {ElectronBinary}
 */
export function findElectronBinary(root, env = process.env) {
  let packageDir;
  try {
    packageDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { usable: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let binary;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  else if (relative === '') return { usable: false, reason: 'node_modules/electron has no downloaded binary' };
  else binary = join(packageDir, 'dist', relative);
  try {
    accessSync(binary, constants.X_OK);
    if (!statSync(binary).isFile()) return { usable: false, reason: `${binary} is not a file` };
  } catch {
    return { usable: false, reason: `node_modules/electron's binary is missing or not executable (${binary})` };
  }
  return { usable: true, path: binary };
}

/** Whether a graphical session is there for a window (always on Windows and macOS). */
export function hasDisplay(env = process.env, platform = process.platform) {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * The newest modification time (ms) of the files under `paths` (files or folders; node_modules and
 * dot folders skipped); 0 when there are none.
 * @param {readonly string[]} paths
 */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules' && !entry.startsWith('.')) visit(join(path, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/**
 * Whether `outputs` must be rebuilt: one is missing, or a source is newer than the oldest of them.
 * @param {readonly string[]} outputs
 * @param {readonly string[]} sources
 */
export function isStale(outputs, sources) {
  let oldest = Infinity;
  for (const output of outputs) {
    try {
      oldest = Math.min(oldest, statSync(output).mtimeMs);
    } catch {
      return true;
    }
  }
  return newestMtime(sources) > oldest;
}

/**
 * @typedef {{ shell: 'electron', binary: string, build: boolean, args: string[] }
 *   | { shell: 'browser', notice: string, buildRenderer: boolean, args: string[] }} StartPlan
 */

/**
 * Decides what `npm start` runs.
 * @param {{ root: string, argv: readonly string[], env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform }} input
 * @returns {StartPlan}
 */
export function startPlan({ root, argv, env = process.env, platform = process.platform }) {
  const electron = findElectronBinary(root, env);
  const at = (...parts) => join(root, ...parts);
  if (electron.usable && hasDisplay(env, platform)) {
    const build = isStale(
      [at('out/main/index.js'), at('out/main/core-process.js'), at('out/preload/index.cjs'), at('out/renderer/index.html')],
      [at('electron'), at('native'), at('renderer'), at('electron.vite.config.ts'), at('package.json')],
    );
    return { shell: 'electron', binary: electron.path, build, args: [root, ...argv] };
  }
  const why = electron.usable ? 'an Electron binary but no display' : `no Electron binary here (${electron.reason})`;
  return {
    shell: 'browser',
    notice: `kiosk: ${why}; starting the browser shell instead`,
    buildRenderer: isStale([at('out/renderer/index.html')], [at('renderer'), at('electron/contract')]),
    args: [at('bin/kiosk.mjs'), 'start', ...argv],
  };
}
