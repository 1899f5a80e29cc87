// Where the Electron shell finds its parts, and which config the core child is started with.
//
// Parts: the main bundle, the core child's entry and the crash-loop page sit side by side in out/main
// (electron-vite builds them together), the preload in out/preload, and the kiosk profiles in
// config/kiosk: in the repository during development, and in the package's resources folder once
// installed (electron-builder's extraResources), since bundling moves the code away from the paths its
// sources would compute from import.meta.url.
//
// Config: an installed kiosk is configured by its site, never by what ships in the package. It reads
// /etc/kiosk/kiosk.yaml (+ /etc/kiosk/override.yaml when present) on Linux and
// %ProgramData%\EdgeKiosk\kiosk.yaml (+ override.yaml) on Windows; KIOSK_CONFIG / KIOSK_CONFIG_OVERRIDE
// and the shell's own --config / --profile still win. With none of these, a packaged kiosk does not
// start the core at all (it would otherwise fall back on the demo profile): the shell shows the
// CONFIG_MISSING page, which says where the file goes. A development run keeps the demo default.

import { join, win32 } from 'node:path';

export interface ShellPaths {
  /**
   * The core child's entry: the bundle (out/main/core-process.js) when packaged; in a development
   * checkout the TypeScript sources through tsx (bin/run-ts.mjs), exactly as the browser shell runs
   * them, because the bundle moves the code away from the simulator fixtures (the demo's PKI and face
   * images) that the sources find by import.meta.url.
   */
  readonly coreEntry: string;
  /** Arguments before the core's own flags (the TypeScript entry in development; none when packaged). */
  readonly coreEntryArgs: readonly string[];
  /** The sandboxed preload bundle (out/preload/index.cjs). */
  readonly preload: string;
  /** The static page shown when the core cannot be kept running (out/main/crash-loop.html). */
  readonly crashLoopPage: string;
  /** The folder of profile files, e.g. `<dir>/hospital.yaml`. */
  readonly profileDir: string;
  /** The built renderer the core serves. */
  readonly rendererDir: string;
}

export interface PathInputs {
  /** The folder of the running main bundle (out/main). */
  readonly mainDir: string;
  /** `app.getAppPath()`: the repository in development, the asar archive when packaged. */
  readonly appPath: string;
  /** `process.resourcesPath`: where extraResources land when packaged. */
  readonly resourcesPath: string;
  /** `app.isPackaged`. */
  readonly packaged: boolean;
}

export function shellPaths(inputs: PathInputs): ShellPaths {
  return Object.freeze({
    coreEntry: inputs.packaged ? join(inputs.mainDir, 'core-process.js') : join(inputs.appPath, 'bin', 'run-ts.mjs'),
    coreEntryArgs: inputs.packaged ? [] : [join(inputs.appPath, 'electron', 'core', 'app', 'core-process.ts')],
    preload: join(inputs.mainDir, '..', 'preload', 'index.cjs'),
    crashLoopPage: join(inputs.mainDir, 'crash-loop.html'),
    profileDir: inputs.packaged ? join(inputs.resourcesPath, 'config', 'kiosk') : join(inputs.appPath, 'config', 'kiosk'),
    rendererDir: join(inputs.mainDir, '..', 'renderer'),
  });
}

/** The folders an installed kiosk uses on one machine (README, "Installing and running a kiosk"). */
export interface SiteLocations {
  /** The site's config file. */
  readonly configFile: string;
  /** Merged over configFile when it exists. */
  readonly overrideFile: string;
  /** The kiosk's data folder (database, sealed key, lockout state): what the example configs set. */
  readonly dataDir: string;
}

/** The folder name under %ProgramData% (the NSIS installer's productName, without the space). */
export const WINDOWS_FOLDER = 'EdgeKiosk';

/**
 * The site locations of a platform. Windows takes %ProgramData% from the environment (it is not always
 * C:\ProgramData); everything else uses the Linux layout (/etc/kiosk, /var/lib/kiosk).
 */
export function siteLocations(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): SiteLocations {
  if (platform === 'win32') {
    const programData = env.ProgramData || env.PROGRAMDATA || 'C:\\ProgramData';
    const root = win32.join(programData, WINDOWS_FOLDER);
    return Object.freeze({ configFile: win32.join(root, 'kiosk.yaml'), overrideFile: win32.join(root, 'override.yaml'), dataDir: win32.join(root, 'data') });
  }
  return Object.freeze({ configFile: '/etc/kiosk/kiosk.yaml', overrideFile: '/etc/kiosk/override.yaml', dataDir: '/var/lib/kiosk' });
}

/** How the core child is started, or why it is not. */
export type CoreLaunch =
  | {
      readonly kind: 'start';
      readonly args: readonly string[];
      /** The child's environment: the shell's, plus KIOSK_CONFIG(_OVERRIDE) when the site files were found. */
      readonly env: NodeJS.ProcessEnv;
      /** Where the config comes from, for the log (a path or a profile name; never a value from it). */
      readonly configSource: string;
    }
  | {
      readonly kind: 'config-missing';
      /** The file the technician has to create. */
      readonly expected: string;
    };

export interface CoreLaunchInputs {
  /** The shell's arguments after the app path (`--profile NAME`, `--config FILE`). */
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly paths: ShellPaths;
  readonly packaged: boolean;
  readonly platform: NodeJS.Platform;
  /** Whether a file exists (fs.existsSync in the product). */
  readonly exists: (path: string) => boolean;
}

function flagValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  const value = at >= 0 ? argv[at + 1] : undefined;
  return value !== undefined && !value.startsWith('--') ? value : undefined;
}

/** The core child's arguments: the shell's own `--profile`/`--config`, and where the bundle's files are. */
export function coreArguments(argv: readonly string[], paths: ShellPaths): string[] {
  const args: string[] = [];
  for (const name of ['--profile', '--config']) {
    const value = flagValue(argv, name);
    if (value !== undefined) args.push(name, value);
  }
  return [...args, '--profile-dir', paths.profileDir, '--renderer-dir', paths.rendererDir];
}

/**
 * Decides how the core child starts. Order: the shell's `--config` / `--profile`, then KIOSK_CONFIG /
 * KIOSK_PROFILE from the environment (both passed through for the core to read), then, packaged only,
 * the site's config file (with its override file when present, unless KIOSK_CONFIG_OVERRIDE names
 * another; also when the site file is the one named); a packaged kiosk with none of these, or whose
 * named site file is missing, is `config-missing`. A development run with none starts the demo profile as before. Never throws.
 */
export function coreLaunch(inputs: CoreLaunchInputs): CoreLaunch {
  const args = coreArguments(inputs.argv, inputs.paths);
  const env: NodeJS.ProcessEnv = { ...inputs.env };
  const named = flagValue(inputs.argv, '--config') ?? flagValue(inputs.argv, '--profile') ?? (inputs.env.KIOSK_CONFIG || inputs.env.KIOSK_PROFILE);
  const site = siteLocations(inputs.platform, inputs.env);
  // Naming the site file itself (the systemd unit's KIOSK_CONFIG) still gets its override file.
  if (named !== undefined && named !== '' && !(inputs.packaged && named === site.configFile)) return { kind: 'start', args, env, configSource: named };
  if (!inputs.packaged) return { kind: 'start', args, env, configSource: 'demo' };

  if (!inputs.exists(site.configFile)) return { kind: 'config-missing', expected: site.configFile };
  env.KIOSK_CONFIG = site.configFile;
  if (!inputs.env.KIOSK_CONFIG_OVERRIDE && inputs.exists(site.overrideFile)) env.KIOSK_CONFIG_OVERRIDE = site.overrideFile;
  const source = env.KIOSK_CONFIG_OVERRIDE ? `${site.configFile} + ${env.KIOSK_CONFIG_OVERRIDE}` : site.configFile;
  return { kind: 'start', args, env, configSource: source };
}
