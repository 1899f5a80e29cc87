import { describe, expect, it } from 'vitest';
import { borderGateFlowSettings, hospitalFlowSettings } from '../../../../../electron/core/config/flow-settings-from-config.ts';
import { loadKioskConfig, profileConfigFile } from '../../../../../electron/core/config/load-kiosk-config.ts';
import { DEFAULT_TIMEOUTS } from '../../../../../electron/core/flows/flow-settings.ts';

describe('flow settings from the config', () => {
  it('give the hospital flow its section in milliseconds, with the kiosk identity', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('hospital'), env: {} });
    const settings = hospitalFlowSettings(config);
    expect(settings).toMatchObject({
      kioskId: 'hospital-kiosk-01',
      siteName: 'Hospital lobby',
      fingerprint: 'optional',
      fingerprintAttempts: 3,
      allowQrOnly: true,
      onlineVerification: true,
      minimumAssurance: 'CHIP_READ',
      defaultLanguage: 'vi',
    });
    expect(settings.departments.map((d) => d.id)).toEqual(['kham-noi', 'kham-ngoai', 'nhi', 'xet-nghiem']);
    expect(settings.timeouts).toEqual({
      ...DEFAULT_TIMEOUTS,
      presentCardMs: 60_000,
      readMs: 30_000,
      resumeCardMs: 10_000,
      fingerprintMs: 20_000,
      chooseMs: 90_000,
      confirmMs: 60_000,
      verifyMs: 8_000,
      printMs: 20_000,
      doneMs: 15_000,
      errorMs: 30_000,
    });
  });

  it('give the border gate its booths by id and its offline decision', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('border-gate'), env: {} });
    const settings = borderGateFlowSettings(config);
    expect(settings).toMatchObject({ kioskId: 'gate-01', booths: ['1', '2'], offlineDecision: 'booth', readAttempts: 2, minimumAssurance: 'PA_AA_OR_CA' });
    expect(settings.timeouts).toMatchObject({ presentCardMs: 60_000, verifyMs: 5_000, doneMs: 6_000, nonceMs: DEFAULT_TIMEOUTS.nonceMs });
  });

  it('serve both flows from the demo profile', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('demo'), env: {} });
    expect(hospitalFlowSettings(config).kioskId).toBe('demo-kiosk');
    expect(borderGateFlowSettings(config).booths).toEqual(['1', '2']);
  });

  it('refuse a flow the config does not configure', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('hospital'), env: {} });
    expect(() => borderGateFlowSettings(config)).toThrow('flows.borderGate is not configured');
  });
});
