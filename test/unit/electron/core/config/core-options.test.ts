import { describe, expect, it } from 'vitest';
import { retentionOptions, syncEngineOptions } from '../../../../../electron/core/config/core-options.ts';
import { parseKioskConfig } from '../../../../../electron/core/config/load-kiosk-config.ts';
import { loadKioskConfig, profileConfigFile } from '../../../../../electron/core/config/load-kiosk-config.ts';

describe('core options from the config', () => {
  it('turn the sync section into SyncEngine options in milliseconds', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('hospital'), env: {} });
    expect(syncEngineOptions(config.sync)).toEqual({
      batchSize: 50,
      backoff: { baseMs: 1_000, capMs: 300_000 },
      breaker: { failureThreshold: 5, openMs: 30_000, maxOpenMs: 300_000 },
      maxRefusals: 3,
      pollMs: 30_000,
    });
  });

  it('turn the retention into the sweeper schedule', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('hospital'), env: {} });
    expect(retentionOptions(config.store)).toEqual({ retentionMs: 7 * 86_400_000, intervalMs: 3_600_000 });
  });

  it('keep fractions of a second and of a day', () => {
    const config = parseKioskConfig({
      profile: 'hospital',
      kiosk: { id: 'k', siteName: 's' },
      devices: [
        { id: 'card-reader', role: 'cardReader', driver: 'sim' },
        { id: 'printer', role: 'printer', driver: 'sim' },
      ],
      centralService: { url: 'https://c.test', keyId: 'k', signingKeyFile: '/k.pem' },
      store: { dataDir: '/d', retention: { personalDataDays: 0.5 } },
      sync: { backoff: { baseSeconds: 0.25, capSeconds: 2 } },
      flows: { hospital: { fingerprint: 'off', departments: [{ id: 'a', name: { vi: 'A', en: 'A' } }] } },
      trustStore: { path: '/t' },
    });
    expect(syncEngineOptions(config.sync).backoff).toEqual({ baseMs: 250, capMs: 2_000 });
    expect(retentionOptions(config.store).retentionMs).toBe(43_200_000);
  });
});
