// Where the Electron shell finds its parts. The main bundle, the core child's entry and the crash-loop
// page sit side by side in out/main (electron-vite builds them together), the preload in out/preload,
// and the kiosk profiles in config/kiosk: in the repository during development, and in the package's
// resources folder once installed (electron-builder's extraResources), since bundling moves the code
// away from the paths its sources would compute from import.meta.url.

import { join } from 'node:path';

export interface ShellPaths {
  /** The core child's entry (out/main/core-process.js). */
  readonly coreEntry: string;
  /** The sandboxed preload bundle (out/preload/index.cjs). */
  readonly preload: string;
  /** The static page shown when the core cannot be kept running (out/main/crash-loop.html). */
  readonly crashLoopPage: string;
  /** The folder of profile files, e.g. `<dir>/demo.yaml`. */
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
    coreEntry: join(inputs.mainDir, 'core-process.js'),
    preload: join(inputs.mainDir, '..', 'preload', 'index.cjs'),
    crashLoopPage: join(inputs.mainDir, 'crash-loop.html'),
    profileDir: inputs.packaged ? join(inputs.resourcesPath, 'config', 'kiosk') : join(inputs.appPath, 'config', 'kiosk'),
    rendererDir: join(inputs.mainDir, '..', 'renderer'),
  });
}
