// The core child's arguments (`--profile`, `--config`, `--profile-dir`, `--renderer-dir`, `--port`) and
// the environment its config is loaded with. Apart from core-process.ts so that the Electron shell can
// load the same config the core will (its log directory and data folder) without the core's code.

import { resolve } from 'node:path';
import { ConfigError } from '../config/config-error.ts';

export interface CoreProcessArguments {
  readonly profile?: string;
  readonly config?: string;
  readonly profileDir?: string;
  readonly rendererDir?: string;
  readonly port?: number;
}

export const FLAGS = { '--profile': 'profile', '--config': 'config', '--profile-dir': 'profileDir', '--renderer-dir': 'rendererDir', '--port': 'port' } as const;

/** Reads the arguments. Errors: ConfigError naming the bad argument (unknown flag, missing value, bad port). */
export function parseCoreArguments(argv: readonly string[], cwd = process.cwd()): CoreProcessArguments {
  const out: Record<string, string | number> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    const key = (FLAGS as Record<string, (typeof FLAGS)[keyof typeof FLAGS]>)[flag];
    if (key === undefined) throw new ConfigError([`${flag}: not an argument of the core process (${Object.keys(FLAGS).join(', ')})`], 'the arguments');
    if (value === undefined || value.startsWith('--')) throw new ConfigError([`${flag}: needs a value`], 'the arguments');
    if (key === 'port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError([`--port: '${value.slice(0, 20)}' is not a port number (0-65535)`], 'the arguments');
      out.port = port;
    } else {
      out[key] = key === 'profile' ? value : resolve(cwd, value);
    }
  }
  return out as CoreProcessArguments;
}

/** The environment the config is loaded with: the arguments win over KIOSK_CONFIG / KIOSK_PROFILE. */
export function configEnvironment(args: CoreProcessArguments, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  if (args.config !== undefined) out.KIOSK_CONFIG = args.config;
  else if (args.profile !== undefined) {
    out.KIOSK_PROFILE = args.profile;
    delete out.KIOSK_CONFIG;
  }
  // A bundled shell's profiles are not where the sources would look: name the file directly.
  if (out.KIOSK_CONFIG === undefined && args.profileDir !== undefined) {
    const profile = out.KIOSK_PROFILE || 'demo';
    if (/^[a-z-]+$/.test(profile)) out.KIOSK_CONFIG = resolve(args.profileDir, `${profile}.yaml`);
  }
  return out;
}
