// What a technician needs to know about the running config at a glance, for `kiosk config check` and
// the diagnostics screen and report: profile, flow, devices by role, the central service, the store.
// Nothing secret or personal: no PIN hash, no key material, the central URL without credentials.

import type { DeviceRole } from '../../../native/hal/device.ts';
import type { KioskConfig } from './kiosk-config-schema.ts';

export interface ConfigSummary {
  readonly version: number;
  readonly profile: KioskConfig['profile'];
  readonly flow: KioskConfig['flow'];
  readonly kioskId: string;
  readonly siteName: string;
  /** `cardReader: card-reader (pcsc)` etc. */
  readonly devices: Readonly<Partial<Record<DeviceRole, readonly { readonly id: string; readonly driver: string; readonly required: boolean }[]>>>;
  readonly central: { readonly mode: 'remote'; readonly url: string; readonly mutualTls: boolean } | { readonly mode: 'simulator'; readonly host: string; readonly port: number };
  readonly store: { readonly databasePath: string; readonly keyProvider: string; readonly personalDataDays: number };
  readonly fingerprint: string;
  readonly languages: readonly string[];
  readonly diagnosticsPinSet: boolean;
  readonly trustStore: string;
  readonly logging: { readonly level: string; readonly directory: string | null };
}

/** The URL as shown: user name and password removed, should anybody have put them there. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

export function summarizeKioskConfig(config: KioskConfig): ConfigSummary {
  const devices: Partial<Record<DeviceRole, { id: string; driver: string; required: boolean }[]>> = {};
  for (const d of config.devices) (devices[d.role] ??= []).push({ id: d.id, driver: d.driver, required: d.required });
  const central = config.centralService;
  const flow = config.flow === 'hospital' ? config.flows.hospital : config.flows.borderGate;
  return {
    version: config.version,
    profile: config.profile,
    flow: config.flow,
    kioskId: config.kiosk.id,
    siteName: config.kiosk.siteName,
    devices,
    central:
      central.mode === 'remote'
        ? { mode: 'remote', url: displayUrl(central.url), mutualTls: central.tls?.clientCertificateFile !== undefined }
        : { mode: 'simulator', host: central.host, port: central.port },
    store: { databasePath: config.store.databasePath, keyProvider: config.store.key.provider, personalDataDays: config.store.retention.personalDataDays },
    fingerprint: flow?.fingerprint ?? 'off',
    languages: config.ui.languages,
    diagnosticsPinSet: config.diagnostics.pinHash !== undefined,
    trustStore: config.trustStore.path,
    logging: { level: config.logging.level, directory: config.logging.directory ?? null },
  };
}

export interface ConfigSummaryEntry {
  readonly key: string;
  readonly value: string;
}

/** The summary as label/value pairs, in reading order: for the diagnostics screen and report. */
export function configSummaryEntries(summary: ConfigSummary): ConfigSummaryEntry[] {
  const central = summary.central.mode === 'remote' ? `${summary.central.url}${summary.central.mutualTls ? ' (mutual TLS)' : ''}` : `simulator on ${summary.central.host}:${summary.central.port || 'any free port'}`;
  return [
    { key: 'profile', value: `${summary.profile} (flow: ${summary.flow})` },
    { key: 'kiosk', value: `${summary.kioskId} - ${summary.siteName}` },
    ...Object.entries(summary.devices).map(([role, list]) => ({
      key: `devices.${role}`,
      value: (list ?? []).map((d) => `${d.id} (${d.driver}${d.required ? '' : ', optional'})`).join(', '),
    })),
    { key: 'central service', value: central },
    { key: 'store', value: `${summary.store.databasePath} (key: ${summary.store.keyProvider}, personal data kept ${summary.store.personalDataDays} d after sync)` },
    { key: 'fingerprint', value: summary.fingerprint },
    { key: 'languages', value: summary.languages.join(', ') },
    { key: 'diagnostics PIN', value: summary.diagnosticsPinSet ? 'set' : 'not set (the diagnostics screen cannot be opened)' },
    { key: 'trust store', value: summary.trustStore },
    { key: 'logging', value: `${summary.logging.level}${summary.logging.directory ? ` to ${summary.logging.directory}` : ' to stderr'}` },
  ];
}

/** The summary as aligned lines for a terminal (devices as `devices  role: ...`, one role a line). */
export function formatConfigSummary(summary: ConfigSummary): string[] {
  let firstDevice = true;
  return configSummaryEntries(summary).map(({ key, value }) => {
    if (!key.startsWith('devices.')) return `${key.padEnd(16)} ${value}`;
    const label = firstDevice ? 'devices' : '';
    firstDevice = false;
    return `${label.padEnd(16)} ${key.slice('devices.'.length)}: ${value}`;
  });
}
