// Entry of the Electron main process (package.json `main`: out/main/index.js). Everything it does is in
// lifecycle.ts; this file only gathers the real Electron modules and the paths of the built bundle.

import { app, BrowserWindow, ipcMain, Menu, MessageChannelMain, powerSaveBlocker, session, utilityProcess } from 'electron';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KioskUpdater, loadElectronUpdater, siteUpdatesConfig } from './auto-update.ts';
import { runKioskShell } from './lifecycle.ts';
import { coreLaunch, shellPaths } from './paths.ts';
import { openShellLogging } from './shell-logging.ts';

const paths = shellPaths({
  mainDir: dirname(fileURLToPath(import.meta.url)),
  appPath: app.getAppPath(),
  resourcesPath: process.resourcesPath,
  packaged: app.isPackaged,
});

const argv = process.argv.slice(app.isPackaged ? 1 : 2);
const launch = coreLaunch({ argv, env: process.env, paths, packaged: app.isPackaged, platform: process.platform, exists: existsSync });
// Main's own logs (kiosk-shell.<n>.log in the config's logging.directory, else stderr) and the crash
// report's folder, from the config the core is started with.
const { settings, logs } = await openShellLogging(launch, app.getPath('userData'));
const logger = logs.logger;
// Off unless an installed kiosk's site config turns it on (updates.enabled).
const updater = new KioskUpdater({
  loadConfig: () => (app.isPackaged ? siteUpdatesConfig(launch) : Promise.resolve(null)),
  loadUpdater: loadElectronUpdater,
  logger,
  currentVersion: app.getVersion(),
});

runKioskShell({
  electron: { app, BrowserWindow, ipcMain, Menu, MessageChannelMain, powerSaveBlocker, session, utilityProcess },
  paths,
  logger,
  argv,
  env: process.env,
  launch,
  shellSettings: { dataDir: settings.dataDir, logDirectory: settings.logging.directory },
  onCoreFrame: (frame) => updater.observeCoreFrame(frame),
})
  .then((shell) => {
    if (shell === null) return;
    app.on('before-quit', () => updater.stop());
    return updater.start();
  })
  .catch((err: unknown) => {
    logger.fatal({ event: 'shell-failed', error: (err as Error).name }, 'the kiosk shell could not start');
    app.exit(1);
  });
