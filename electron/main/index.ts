// Entry of the Electron main process (package.json `main`: out/main/index.js). Everything it does is in
// lifecycle.ts; this file only gathers the real Electron modules and the paths of the built bundle.

import { app, BrowserWindow, ipcMain, Menu, MessageChannelMain, powerSaveBlocker, session, utilityProcess } from 'electron';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../native/util/logger.ts';
import { runKioskShell } from './lifecycle.ts';
import { shellPaths } from './paths.ts';

const logger = createLogger({ name: 'kiosk-shell', level: process.env.KIOSK_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
const paths = shellPaths({
  mainDir: dirname(fileURLToPath(import.meta.url)),
  appPath: app.getAppPath(),
  resourcesPath: process.resourcesPath,
  packaged: app.isPackaged,
});

runKioskShell({
  electron: { app, BrowserWindow, ipcMain, Menu, MessageChannelMain, powerSaveBlocker, session, utilityProcess },
  paths,
  logger,
  argv: process.argv.slice(app.isPackaged ? 1 : 2),
  env: process.env,
}).catch((err: unknown) => {
  logger.fatal({ event: 'shell-failed', error: (err as Error).name }, 'the kiosk shell could not start');
  app.exit(1);
});
