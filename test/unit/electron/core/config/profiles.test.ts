// The profile files shipped in config/kiosk: each validates as it stands, the example override
// validates over the hospital profile, and the demo runs on a fresh checkout with nothing real.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKioskConfig, profileConfigFile } from '../../../../../electron/core/config/load-kiosk-config.ts';
import { KIOSK_PROFILES } from '../../../../../electron/core/config/kiosk-config-schema.ts';
import { verifyPin } from '../../../../../electron/core/config/pin-hash.ts';
import { DEVICE_ROLES } from '../../../../../native/hal/device.ts';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const OVERRIDE_EXAMPLE = fileURLToPath(new URL('../../../../../config/kiosk/override.example.yaml', import.meta.url));

describe('the kiosk profiles in config/kiosk', () => {
  it('are the demo, hospital and border-gate profiles, besides the example override', () => {
    const files = readdirSync(`${ROOT}config/kiosk`).filter((f) => f.endsWith('.yaml') && f !== 'override.example.yaml');
    expect(files.sort()).toEqual(['border-gate.yaml', 'demo.yaml', 'hospital.yaml']);
  });

  it.each(KIOSK_PROFILES)('%s validates as shipped, with the profile it is named after and its devices', async (profile) => {
    const { config } = await loadKioskConfig({ file: profileConfigFile(profile), env: {} });
    expect(config.profile).toBe(profile);
    expect(config.devices.length).toBeGreaterThan(0);
  });

  it('the example override validates over the hospital profile', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('hospital'), overrideFile: OVERRIDE_EXAMPLE, env: {} });
    expect(config.kiosk.id).toBe('bvbm-sanh-a-01');
    expect(config.centralService).toMatchObject({ kioskId: 'bvbm-sanh-a-01', signingKeyFile: `${ROOT}config/kiosk/keys/kiosk.ed25519.pem` });
    expect(config.diagnostics.pinHash).toBeDefined();
  });

  describe('demo', () => {
    it('simulates every device and the central service, on loopback', async () => {
      const { config } = await loadKioskConfig({ file: profileConfigFile('demo'), env: {} });
      expect(config.devices.every((d) => d.driver === 'sim')).toBe(true);
      expect(config.centralService).toMatchObject({ mode: 'simulator', host: '127.0.0.1' });
    });

    it('has a device of every role, so `kiosk diag` runs on a machine without hardware', async () => {
      const { config } = await loadKioskConfig({ file: profileConfigFile('demo'), env: {} });
      expect(new Set(config.devices.map((d) => d.role))).toEqual(new Set(DEVICE_ROLES));
    });

    it('keeps its data in .kiosk-data/demo, which git ignores', async () => {
      const { config } = await loadKioskConfig({ file: profileConfigFile('demo'), env: {} });
      expect(config.store.databasePath).toBe(`${ROOT}.kiosk-data/demo/kiosk.db`);
      expect(readFileSync(`${ROOT}.gitignore`, 'utf8').split('\n')).toContain('.kiosk-data/');
    });

    it('trusts the synthetic CSCAs the simulated chips are signed under', async () => {
      const { config } = await loadKioskConfig({ file: profileConfigFile('demo'), env: {} });
      expect(config.trustStore.path).toBe(`${ROOT}native/sim/pki/fixtures`);
    });

    it('configures both flows, so KIOSK_FLOW=border-gate shows the border gate', async () => {
      const { config } = await loadKioskConfig({ file: profileConfigFile('demo'), env: { KIOSK_FLOW: 'border-gate' } });
      expect(config.flow).toBe('border-gate');
      expect(config.flows.hospital).toBeDefined();
    });

    it('opens diagnostics with the PIN its comment documents', async () => {
      const { config } = await loadKioskConfig({ file: profileConfigFile('demo'), env: {} });
      expect(readFileSync(profileConfigFile('demo'), 'utf8')).toContain('Demo diagnostics PIN: 246810');
      expect(await verifyPin('246810', config.diagnostics.pinHash!)).toBe(true);
    });
  });

  it('the border gate requires its gate, the hospital has none', async () => {
    const gate = (await loadKioskConfig({ file: profileConfigFile('border-gate'), env: {} })).config.devices.find((d) => d.role === 'gate');
    const hospital = (await loadKioskConfig({ file: profileConfigFile('hospital'), env: {} })).config.devices;
    expect(gate).toMatchObject({ driver: 'modbus-gate', required: true, transport: { parity: 'even' } });
    expect(hospital.some((d) => d.role === 'gate')).toBe(false);
  });
});
