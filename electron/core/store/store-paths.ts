// Where the check-in database lives when nobody says otherwise: $KIOSK_DATA_DIR/kiosk.db, else the demo
// profile's database in the repository (.kiosk-data/demo/kiosk.db, ignored by git). The composition
// root of a deployed kiosk passes its own path; `kiosk queue` uses this default.

import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const DATABASE_FILE = 'kiosk.db';
export const KEY_FILE = 'store.key';

/** The data folder: $KIOSK_DATA_DIR (relative to the working directory) or `<repository>/.kiosk-data/demo`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.KIOSK_DATA_DIR;
  if (configured !== undefined && configured !== '') return isAbsolute(configured) ? configured : resolve(configured);
  return join(REPOSITORY_ROOT, '.kiosk-data', 'demo');
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), DATABASE_FILE);
}

/** The Node host's key file beside the database (the Electron shell seals its key with safeStorage instead). */
export function defaultKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), KEY_FILE);
}
