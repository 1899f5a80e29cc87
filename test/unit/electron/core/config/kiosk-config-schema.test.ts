import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../../electron/core/config/config-error.ts';
import { parseKioskConfig } from '../../../../../electron/core/config/load-kiosk-config.ts';
import type { KioskConfig } from '../../../../../electron/core/config/kiosk-config-schema.ts';

const PIN_HASH = '$scrypt$ln=16,r=8,p=1$GmccqU+NTxywhj014TktHg$cI2bajKVv6OMiJ28kaF3MEiVaigXxWFqEPT3I1bcZeI';

// Test inputs are deliberately ill-typed: each case breaks one field of a config as YAML would give it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = Record<string, any>;

/** A small valid hospital config, as a YAML file would give it; `edit` changes it before parsing. */
function hospitalInput(edit: (c: Editable) => void = () => undefined): Record<string, unknown> {
  const config: Editable = {
    profile: 'hospital',
    kiosk: { id: 'kiosk-01', siteName: 'Test lobby' },
    devices: [
      { id: 'card-reader', role: 'cardReader', driver: 'sim' },
      { id: 'fingerprint', role: 'fingerprint', driver: 'sim' },
      { id: 'printer', role: 'printer', driver: 'sim' },
    ],
    centralService: { url: 'https://central.test', keyId: 'kiosk-01-key', signingKeyFile: '/etc/kiosk/key.pem' },
    store: { dataDir: '/var/lib/kiosk' },
    flows: { hospital: { fingerprint: 'optional', departments: [{ id: 'kham-noi', name: { vi: 'Khám Nội', en: 'Internal medicine' } }] } },
    trustStore: { path: '/etc/kiosk/csca' },
  };
  edit(config);
  return config;
}

function problemsOf(input: unknown): readonly string[] {
  try {
    parseKioskConfig(input, 'test.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the config to be refused');
}

describe('KioskConfigSchema', () => {
  describe('a valid config', () => {
    it('fills every default so that no module needs its own', () => {
      const config: KioskConfig = parseKioskConfig(hospitalInput());
      expect(config.version).toBe(1);
      expect(config.flow).toBe('hospital');
      expect(config.flows.hospital?.timeouts.readingSeconds).toBe(30);
      expect(config.flows.hospital?.idleResetSeconds).toBe(120);
      expect(config.flows.hospital?.fingerprintAttempts).toBe(3);
      expect(config.sync).toMatchObject({ batchSize: 50, backoff: { baseSeconds: 1, capSeconds: 300 }, breaker: { failureThreshold: 5 } });
      expect(config.ui).toEqual({ languages: ['vi', 'en'], defaultLanguage: 'vi' });
      expect(config.diagnostics.lockout).toEqual({ maxFailedTries: 5, minutes: 15 });
      expect(config.logging.level).toBe('info');
      expect(config.devices[0]).toMatchObject({ required: true, options: {} });
    });

    it('places the database and the key in the data folder unless told otherwise', () => {
      const config = parseKioskConfig(hospitalInput());
      expect(config.store.databasePath).toBe('/var/lib/kiosk/kiosk.db');
      expect(config.store.key).toEqual({ provider: 'file', path: '/var/lib/kiosk/store.key', create: true });
      const sealed = parseKioskConfig(hospitalInput((c) => (c.store.key = { provider: 'safe-storage' })));
      expect(sealed.store.key).toEqual({ provider: 'safe-storage', sealedKeyPath: '/var/lib/kiosk/store.key.sealed', create: true });
    });

    it('gives the central service the kiosk id of the kiosk section', () => {
      const config = parseKioskConfig(hospitalInput());
      expect(config.centralService).toMatchObject({ mode: 'remote', kioskId: 'kiosk-01', url: 'https://central.test', timeoutMs: 15_000 });
    });

    it('keeps the demo simulator in the data folder and on loopback', () => {
      const config = parseKioskConfig(
        hospitalInput((c) => {
          c.profile = 'demo';
          c.centralService = { mode: 'simulator' };
        }),
      );
      expect(config.centralService).toMatchObject({ mode: 'simulator', host: '127.0.0.1', port: 0, tls: false, dataDir: '/var/lib/kiosk/central-sim' });
    });

    it('runs the border-gate flow on a border-gate profile', () => {
      const config = parseKioskConfig(
        hospitalInput((c) => {
          c.profile = 'border-gate';
          c.devices.push({ id: 'gate', role: 'gate', driver: 'sim' });
          c.flows = { borderGate: { fingerprint: 'required', booths: [{ id: '1', name: { vi: 'Quầy 1', en: 'Booth 1', zh: '1号窗口' } }] } };
        }),
      );
      expect(config.flow).toBe('border-gate');
      expect(config.flows.borderGate).toMatchObject({ minimumAssurance: 'PA_AA_OR_CA', languages: ['vi', 'en', 'zh'], offlineDecision: 'booth', readAttempts: 2 });
    });
  });

  describe('each class of problem names its field path', () => {
    it('names a value outside an enumeration and lists the allowed values', () => {
      expect(problemsOf(hospitalInput((c) => (c.flows.hospital.fingerprint = 'sometimes')))).toEqual([
        "flows.hospital.fingerprint: 'sometimes' is not one of required, optional, off",
      ]);
    });

    it('names an unknown field and lists the fields the section accepts', () => {
      const [line] = problemsOf(hospitalInput((c) => (c.flows.hospital.fingerprnt = 'off')));
      expect(line).toMatch(/^flows\.hospital: unknown field 'fingerprnt' \(fields: fingerprint, fingerprintAttempts, departments,/);
    });

    it('names a missing section and a missing field', () => {
      expect(problemsOf(hospitalInput((c) => delete c.trustStore))).toEqual(['trustStore: is required (object)']);
      expect(problemsOf(hospitalInput((c) => delete c.kiosk.id))).toEqual(['kiosk.id: is required (string)']);
    });

    it('names a value of the wrong type', () => {
      expect(problemsOf(hospitalInput((c) => (c.sync = { batchSize: 'fifty' })))).toEqual(["sync.batchSize: expected number, got string 'fifty'"]);
    });

    it('names a number out of range with its bound', () => {
      expect(problemsOf(hospitalInput((c) => (c.flows.hospital.timeouts = { readingSeconds: 1 })))).toEqual(['flows.hospital.timeouts.readingSeconds: 1 must be at least 5']);
      expect(problemsOf(hospitalInput((c) => (c.sync = { batchSize: 501 })))).toEqual(['sync.batchSize: 501 must be at most 500']);
    });

    it('names a repeated department id and the entry it repeats', () => {
      const name = { vi: 'Nhi', en: 'Paediatrics' };
      expect(problemsOf(hospitalInput((c) => c.flows.hospital.departments.push({ id: 'kham-noi', name })))).toEqual([
        "flows.hospital.departments[1].id: 'kham-noi' is already the id of departments[0]; ids must be unique",
      ]);
    });

    it('names a bad device entry and a bad driver option', () => {
      expect(problemsOf(hospitalInput((c) => (c.devices[2].driver = 'escpos')))).toEqual(["devices[2].driver: 'escpos' is not one of escpos-serial, sim"]);
      expect(problemsOf(hospitalInput((c) => (c.devices[0].options = { card: 'library-card' })))).toEqual([
        "devices[0].options.card: 'library-card' is not one of none, cccd, passport-td3",
      ]);
    });

    it('lists every problem of every section in one pass', () => {
      const problems = problemsOf(
        hospitalInput((c) => {
          c.flows.hospital.fingerprint = 'sometimes';
          c.store.key = { provider: 'tpm' };
          c.logging = { level: 'verbose' };
          c.devices[0].options = { card: 'x' };
        }),
      );
      expect(problems.map((p) => p.split(':')[0])).toEqual(['devices[0].options.card', 'store.key.provider', 'flows.hospital.fingerprint', 'logging.level']);
    });

    it('refuses an inverted backoff and breaker', () => {
      expect(problemsOf(hospitalInput((c) => (c.sync = { backoff: { baseSeconds: 10, capSeconds: 5 }, breaker: { openSeconds: 60, maxOpenSeconds: 30 } })))).toEqual([
        'sync.backoff.capSeconds: must be at least baseSeconds',
        'sync.breaker.maxOpenSeconds: must be at least openSeconds',
      ]);
    });

    it('asks for the mode of the central service when it is not one', () => {
      expect(problemsOf(hospitalInput((c) => (c.centralService.mode = 'local')))).toEqual(["centralService.mode: 'local' is not one of remote, simulator"]);
    });

    it('checks the central service against the fields of its mode only', () => {
      expect(problemsOf(hospitalInput((c) => (c.centralService = { mode: 'simulator', url: 'http://x' })))[0]).toMatch(
        /^centralService: unknown field 'url' \(fields: mode, host, port, dataDir, tls, faults\)$/,
      );
      expect(problemsOf(hospitalInput((c) => (c.centralService.url = 'ftp://central.test')))).toEqual(["centralService.url: 'ftp://central.test' is not a valid url"]);
    });
  });

  describe('checks that span sections', () => {
    it('requires the section of the flow the kiosk runs', () => {
      expect(problemsOf(hospitalInput((c) => (c.flow = 'border-gate')))).toEqual([
        'flows.borderGate: is required: this kiosk runs the border-gate flow',
      ]);
    });

    it('requires the devices the flow needs', () => {
      expect(problemsOf(hospitalInput((c) => c.devices.splice(2, 1)))).toEqual(['devices: has no printer device; the hospital flow needs one']);
      expect(problemsOf(hospitalInput((c) => c.devices.splice(1, 1)))).toEqual(['devices: has no fingerprint device; the hospital flow needs one']);
    });

    it('needs no fingerprint scanner when the fingerprint step is off', () => {
      const config = parseKioskConfig(
        hospitalInput((c) => {
          c.devices.splice(1, 1);
          c.flows.hospital.fingerprint = 'off';
        }),
      );
      expect(config.devices.map((d) => d.role)).toEqual(['cardReader', 'printer']);
    });

    it('requires the default language to be offered, and Vietnamese always', () => {
      expect(problemsOf(hospitalInput((c) => (c.ui = { languages: ['vi', 'en'], defaultLanguage: 'zh' })))).toEqual(["ui.defaultLanguage: 'zh' is not one of vi, en"]);
      expect(problemsOf(hospitalInput((c) => (c.ui = { languages: ['en'], defaultLanguage: 'en' })))).toEqual(['ui.languages: must include vi (Vietnamese is always offered)']);
    });

    it('refuses a central kioskId that differs from kiosk.id', () => {
      expect(problemsOf(hospitalInput((c) => (c.centralService.kioskId = 'other')))).toEqual([
        "centralService.kioskId: 'other' differs from kiosk.id 'kiosk-01'; leave it out to use kiosk.id",
      ]);
    });

    it('keeps the central-service simulator out of deployment profiles', () => {
      expect(problemsOf(hospitalInput((c) => (c.centralService = { mode: 'simulator' })))).toEqual([
        "centralService.mode: 'simulator' is for the demo profile only; a hospital kiosk talks to a remote service",
      ]);
    });
  });

  describe('the diagnostics PIN hash', () => {
    it('accepts a scrypt hash line', () => {
      expect(parseKioskConfig(hospitalInput((c) => (c.diagnostics = { pinHash: PIN_HASH }))).diagnostics.pinHash).toBe(PIN_HASH);
    });

    it('refuses a PIN written in clear without repeating it', () => {
      for (const pinHash of ['824613', 824613]) {
        const problems = problemsOf(hospitalInput((c) => (c.diagnostics = { pinHash })));
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^diagnostics\.pinHash: is not a scrypt PIN hash/);
        expect(problems[0]).not.toContain('824613');
      }
    });

    it('refuses scrypt parameters that would cost the kiosk too much memory', () => {
      const costly = PIN_HASH.replace('ln=16', 'ln=20');
      expect(problemsOf(hospitalInput((c) => (c.diagnostics = { pinHash: costly })))).toEqual(['diagnostics.pinHash: has ln=20; ln must be between 14 and 17']);
    });
  });

  it('refuses anything but a mapping at the top level', () => {
    expect(problemsOf(['profile', 'demo'])).toEqual(['(top level): expected object, got a list']);
  });
});
