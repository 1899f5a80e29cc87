import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../../electron/core/config/config-error.ts';
import { defaultConfigSources, loadKioskConfig, loadStartupConfig, profileConfigFile, type KioskConfigSources } from '../../../../../electron/core/config/load-kiosk-config.ts';

const scratch = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let fileCount = 0;
/** Writes a YAML file into its own folder under the scratch folder and returns its path. */
function yamlFile(text: string, folder = `case-${++fileCount}`): string {
  const dir = join(scratch, folder);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `config-${++fileCount}.yaml`);
  writeFileSync(path, text);
  return path;
}

const BASE = `
profile: hospital
kiosk: { id: kiosk-01, siteName: Test lobby }
devices:
  - { id: card-reader, role: cardReader, driver: sim }
  - { id: printer, role: printer, driver: sim }
centralService:
  url: https://central.test
  keyId: kiosk-01-key
  signingKeyFile: keys/kiosk.pem
  tls: { caFile: tls/ca.pem }
store: { dataDir: data }
flows:
  hospital:
    fingerprint: 'off'
    departments:
      - { id: kham-noi, name: { vi: Khám Nội, en: Internal medicine } }
      - { id: nhi, name: { vi: Nhi khoa, en: Paediatrics } }
trustStore: { path: /etc/kiosk/csca }
logging: { level: info }
`;

async function problemsOf(sources: KioskConfigSources): Promise<readonly string[]> {
  try {
    await loadKioskConfig(sources);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the config to be refused');
}

describe('loadKioskConfig', () => {
  it('resolves relative paths against the folder of the file that wrote them', async () => {
    const base = yamlFile(BASE, 'base');
    const override = yamlFile('centralService: { signingKeyFile: site-keys/kiosk.pem }\n', 'site');
    const { config, files } = await loadKioskConfig({ file: base, overrideFile: override, env: {} });
    expect(files).toEqual([base, override]);
    expect(config.store.dataDir).toBe(join(scratch, 'base', 'data'));
    expect(config.store.databasePath).toBe(join(scratch, 'base', 'data', 'kiosk.db'));
    expect(config.centralService).toMatchObject({ signingKeyFile: join(scratch, 'site', 'site-keys', 'kiosk.pem'), tls: { caFile: join(scratch, 'base', 'tls', 'ca.pem') } });
    expect(config.trustStore.path).toBe('/etc/kiosk/csca');
  });

  describe('the override file', () => {
    it('merges mappings field by field and replaces lists whole', async () => {
      const override = yamlFile(`
kiosk: { siteName: BV Bạch Mai - sảnh A }
flows:
  hospital:
    fingerprint: required
    departments:
      - { id: tim-mach, name: { vi: Tim mạch, en: Cardiology } }
devices:
  - { id: card-reader, role: cardReader, driver: sim }
  - { id: fingerprint, role: fingerprint, driver: sim }
  - { id: printer, role: printer, driver: sim }
`);
      const { config } = await loadKioskConfig({ file: yamlFile(BASE), overrideFile: override, env: {} });
      expect(config.kiosk).toEqual({ id: 'kiosk-01', siteName: 'BV Bạch Mai - sảnh A' });
      expect(config.flows.hospital?.fingerprint).toBe('required');
      expect(config.flows.hospital?.departments.map((d) => d.id)).toEqual(['tim-mach']);
      expect(config.flows.hospital?.idleResetSeconds).toBe(120);
      expect(config.devices.map((d) => d.id)).toEqual(['card-reader', 'fingerprint', 'printer']);
    });

    it('removes a setting given as null', async () => {
      const { config } = await loadKioskConfig({ file: yamlFile(BASE), overrideFile: yamlFile('centralService: { tls: null }\n'), env: {} });
      expect(config.centralService).not.toHaveProperty('tls');
    });

    it('names the file a bad value came from', async () => {
      const override = yamlFile('flows: { hospital: { fingerprint: sometimes } }\n');
      expect(await problemsOf({ file: yamlFile(BASE), overrideFile: override, env: {} })).toEqual([
        `flows.hospital.fingerprint: 'sometimes' is not one of required, optional, off (from ${override})`,
      ]);
    });

    it('cannot change the prototype of a section with a __proto__ key', async () => {
      const problems = await problemsOf({ file: yamlFile(BASE), overrideFile: yamlFile('kiosk: { __proto__: { polluted: true } }\n'), env: {} });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^kiosk: unknown field '__proto__'/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('environment variables', () => {
    it('override the files, paths relative to the working directory', async () => {
      const { config, environment, warnings } = await loadKioskConfig({
        file: yamlFile(BASE),
        cwd: '/srv/kiosk',
        env: { KIOSK_DATA_DIR: 'state', KIOSK_LOG_LEVEL: 'debug', KIOSK_CENTRAL_URL: 'https://other.test', KIOSK_SYNC_BATCH_SIZE: '20', KIOSK_ID: 'kiosk-02', PATH: '/bin' },
      });
      expect(config.store.databasePath).toBe('/srv/kiosk/state/kiosk.db');
      expect(config.logging.level).toBe('debug');
      expect(config.centralService).toMatchObject({ url: 'https://other.test', kioskId: 'kiosk-02' });
      expect(config.sync.batchSize).toBe(20);
      expect(environment.map((s) => s.variable).sort()).toEqual(['KIOSK_CENTRAL_URL', 'KIOSK_DATA_DIR', 'KIOSK_ID', 'KIOSK_LOG_LEVEL', 'KIOSK_SYNC_BATCH_SIZE']);
      expect(warnings).toEqual([]);
    });

    it('ignore an empty variable', async () => {
      const { config, environment } = await loadKioskConfig({ file: yamlFile(BASE), env: { KIOSK_LOG_LEVEL: '' } });
      expect(config.logging.level).toBe('info');
      expect(environment).toEqual([]);
    });

    it('name the variable a bad value came from', async () => {
      expect(await problemsOf({ file: yamlFile(BASE), env: { KIOSK_LOG_LEVEL: 'loud', KIOSK_SYNC_BATCH_SIZE: 'many' } })).toEqual([
        "sync.batchSize: expected number, got string 'many' (from KIOSK_SYNC_BATCH_SIZE)",
        "logging.level: 'loud' is not one of fatal, error, warn, info, debug, trace, silent (from KIOSK_LOG_LEVEL)",
      ]);
    });

    it('warn about a KIOSK_ variable that is no setting', async () => {
      const { warnings } = await loadKioskConfig({ file: yamlFile(BASE), env: { KIOSK_CENTRAL_ULR: 'https://typo.test' } });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^KIOSK_CENTRAL_ULR is set but is no kiosk setting/);
    });
  });

  describe('file problems', () => {
    it('gives the line and column of a YAML syntax error', async () => {
      const file = yamlFile('profile: hospital\nkiosk: { id: kiosk-01\n');
      const problems = await problemsOf({ file, env: {} });
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0]).toMatch(new RegExp(`^${file}: line \\d+, column \\d+: `));
    });

    it('refuses a key given twice', async () => {
      const problems = await problemsOf({ file: yamlFile('profile: hospital\nprofile: demo\n'), env: {} });
      expect(problems[0]).toMatch(/line 2, column 1: .*unique/i);
    });

    it('names a missing file and every other file problem at once', async () => {
      const missing = join(scratch, 'nowhere.yaml');
      const list = yamlFile('- profile\n- demo\n');
      expect(await problemsOf({ file: missing, overrideFile: list, env: {} })).toEqual([
        `${missing}: file not found`,
        `${list}: (top level): expected a mapping of sections (profile:, kiosk:, devices:, ...), got a list`,
      ]);
    });

    it('reports the files read and the environment in its message', async () => {
      const file = yamlFile(BASE);
      await expect(loadKioskConfig({ file, env: { KIOSK_LOG_LEVEL: 'loud' } })).rejects.toThrow(`${file} + the environment is not valid:\n  logging.level:`);
    });
  });

  it('returns a deeply frozen config', async () => {
    const { config } = await loadKioskConfig({ file: yamlFile(BASE), env: {} });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.flows.hospital?.departments[0]?.name)).toBe(true);
    expect(Object.isFrozen(config.devices[0]?.options)).toBe(true);
  });
});

describe('defaultConfigSources', () => {
  it('starts the demo profile when nothing is set', () => {
    expect(defaultConfigSources({}, '/srv')).toEqual({ file: profileConfigFile('demo') });
  });

  it('takes the profile from KIOSK_PROFILE and the files from KIOSK_CONFIG and KIOSK_CONFIG_OVERRIDE', () => {
    expect(defaultConfigSources({ KIOSK_PROFILE: 'border-gate' }, '/srv')).toEqual({ file: profileConfigFile('border-gate') });
    expect(defaultConfigSources({ KIOSK_CONFIG: 'kiosk.yaml', KIOSK_CONFIG_OVERRIDE: '/etc/kiosk/site.yaml', KIOSK_PROFILE: 'hospital' }, '/srv')).toEqual({
      file: '/srv/kiosk.yaml',
      overrideFile: '/etc/kiosk/site.yaml',
    });
  });

  it('refuses an unknown KIOSK_PROFILE naming the profiles', () => {
    expect(() => defaultConfigSources({ KIOSK_PROFILE: 'airport' })).toThrow("KIOSK_PROFILE: 'airport' is not one of demo, hospital, border-gate");
  });
});

describe('loadStartupConfig', () => {
  it('loads the profile the environment names, with the environment applied', async () => {
    const { config, files } = await loadStartupConfig({ KIOSK_PROFILE: 'border-gate', KIOSK_LOG_LEVEL: 'warn' }, '/srv');
    expect(files).toEqual([profileConfigFile('border-gate')]);
    expect(config.profile).toBe('border-gate');
    expect(config.logging.level).toBe('warn');
  });

  it('rejects with a ConfigError for an unknown profile', async () => {
    await expect(loadStartupConfig({ KIOSK_PROFILE: 'airport' }, '/srv')).rejects.toBeInstanceOf(ConfigError);
  });
});
