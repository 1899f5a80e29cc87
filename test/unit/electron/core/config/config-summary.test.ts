import { describe, expect, it } from 'vitest';
import { configSummaryEntries, formatConfigSummary, summarizeKioskConfig } from '../../../../../electron/core/config/config-summary.ts';
import { loadKioskConfig, profileConfigFile } from '../../../../../electron/core/config/load-kiosk-config.ts';
import { missingReferencedFiles } from '../../../../../electron/core/config/referenced-files.ts';

describe('summarizeKioskConfig', () => {
  it('gives the profile, the devices by role, the central service and the store', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('border-gate'), env: {} });
    const summary = summarizeKioskConfig(config);
    expect(summary).toMatchObject({ profile: 'border-gate', flow: 'border-gate', kioskId: 'gate-01', fingerprint: 'required', diagnosticsPinSet: false });
    expect(summary.devices.gate).toEqual([{ id: 'gate', driver: 'modbus-gate', required: true }]);
    expect(summary.devices.printer).toEqual([{ id: 'printer', driver: 'escpos-serial', required: false }]);
    expect(summary.central).toEqual({ mode: 'remote', url: 'https://central.example.vn/', mutualTls: true });
    expect(summary.store.databasePath).toBe('/var/lib/kiosk/kiosk.db');
  });

  it('shows neither the PIN hash nor credentials in the central URL', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('demo'), env: {} });
    const remote = await loadKioskConfig({ file: profileConfigFile('hospital'), env: { KIOSK_CENTRAL_URL: 'https://user:secret@central.test/api' } });
    const text = [...formatConfigSummary(summarizeKioskConfig(config)), ...formatConfigSummary(summarizeKioskConfig(remote.config))].join('\n');
    expect(text).toContain('diagnostics PIN  set');
    expect(text).toContain('https://central.test/api');
    expect(text).not.toContain(config.diagnostics.pinHash!);
    expect(text).not.toContain('secret');
  });
});

describe('configSummaryEntries', () => {
  it('gives label/value pairs with one entry per device role', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('demo'), env: {} });
    const entries = configSummaryEntries(summarizeKioskConfig(config));
    expect(entries.map((e) => e.key)).toEqual([
      'profile',
      'kiosk',
      'devices.cardReader',
      'devices.fingerprint',
      'devices.documentScanner',
      'devices.printer',
      'devices.gate',
      'central service',
      'store',
      'fingerprint',
      'languages',
      'diagnostics PIN',
      'trust store',
      'logging',
    ]);
    expect(entries.find((e) => e.key === 'devices.gate')?.value).toBe('gate (sim, optional)');
  });
});

describe('missingReferencedFiles', () => {
  it('names each referenced file that does not exist and what follows from it', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('border-gate'), env: {} });
    expect(missingReferencedFiles(config, (path) => path !== '/etc/kiosk/tls/kiosk.key')).toEqual([
      'centralService.tls.clientKeyFile: /etc/kiosk/tls/kiosk.key does not exist (the kiosk cannot start)',
    ]);
  });

  it('finds everything the demo needs on a fresh checkout', async () => {
    const { config } = await loadKioskConfig({ file: profileConfigFile('demo'), env: {} });
    expect(missingReferencedFiles(config)).toEqual([]);
  });
});
