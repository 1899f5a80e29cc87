// Files and folders a valid config points at that are not there (yet). Not schema errors: the profile
// files name deployment paths (/etc/kiosk/...) that exist only on a kiosk, and the kiosk creates its
// data folder and key on first start. `kiosk config check` lists them so IT sees a missing key or trust
// store before the kiosk refuses to start or to verify a chip.

import { existsSync } from 'node:fs';
import type { KioskConfig } from './kiosk-config-schema.ts';

/** One line per referenced file that does not exist, `setting: path does not exist (consequence)`. */
export function missingReferencedFiles(config: KioskConfig, exists: (path: string) => boolean = existsSync): string[] {
  const checks: [setting: string, path: string | undefined, consequence: string][] = [['trustStore.path', config.trustStore.path, 'no chip can pass passive authentication']];
  const central = config.centralService;
  if (central.mode === 'remote') {
    checks.push(['centralService.signingKeyFile', central.signingKeyFile, 'the kiosk cannot start']);
    checks.push(['centralService.tls.caFile', central.tls?.caFile, 'the kiosk cannot start']);
    checks.push(['centralService.tls.clientCertificateFile', central.tls?.clientCertificateFile, 'the kiosk cannot start']);
    checks.push(['centralService.tls.clientKeyFile', central.tls?.clientKeyFile, 'the kiosk cannot start']);
  }
  const key = config.store.key;
  if (!key.create) {
    const keyPath = key.provider === 'file' ? key.path : key.sealedKeyPath;
    checks.push([key.provider === 'file' ? 'store.key.path' : 'store.key.sealedKeyPath', keyPath, 'the kiosk cannot open its store (key.create is false)']);
  }
  return checks.filter(([, path]) => path !== undefined && !exists(path)).map(([setting, path, consequence]) => `${setting}: ${path} does not exist (${consequence})`);
}
