import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_SETTINGS, environmentLayer } from '../../../../../electron/core/config/environment-overrides.ts';
import { isPathSetting } from '../../../../../electron/core/config/config-paths.ts';

describe('environmentLayer', () => {
  it('nests each variable under its setting', () => {
    const { layer } = environmentLayer({ KIOSK_CENTRAL_URL: 'https://c.test', KIOSK_CENTRAL_KEY_ID: 'k1', KIOSK_HOSPITAL_FINGERPRINT: 'off' }, '/srv');
    expect(layer).toEqual({ centralService: { url: 'https://c.test', keyId: 'k1' }, flows: { hospital: { fingerprint: 'off' } } });
  });

  it('reads numbers as numbers and leaves other text for the schema to judge', () => {
    expect(environmentLayer({ KIOSK_SYNC_BATCH_SIZE: '25' }, '/').layer).toEqual({ sync: { batchSize: 25 } });
    expect(environmentLayer({ KIOSK_SYNC_BATCH_SIZE: '25 items' }, '/').layer).toEqual({ sync: { batchSize: '25 items' } });
  });

  it('resolves paths against the working directory', () => {
    expect(environmentLayer({ KIOSK_DATA_DIR: 'data', KIOSK_LOG_DIR: '/var/log/kiosk' }, '/srv/kiosk').layer).toEqual({
      store: { dataDir: '/srv/kiosk/data' },
      logging: { directory: '/var/log/kiosk' },
    });
  });

  it('lists KIOSK_ variables that are no setting, and not the variables that choose files', () => {
    const { unknown } = environmentLayer({ KIOSK_PROFILE: 'demo', KIOSK_CONFIG: 'a.yaml', KIOSK_DATA_DIRECTORY: 'x', HOME: '/root' }, '/');
    expect(unknown).toEqual(['KIOSK_DATA_DIRECTORY']);
  });

  it('treats every path-valued variable as a path setting', () => {
    for (const setting of ENVIRONMENT_SETTINGS) expect(setting.kind === 'path').toBe(isPathSetting(setting.path));
  });
});
