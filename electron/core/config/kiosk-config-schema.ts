// The whole kiosk config: one schema composed from each module's section, then the checks that span
// sections (the flow in use is configured and has the devices it needs, the default language is
// offered, the central service knows this kiosk by kiosk.id). Parsing fills every default, so the
// composition root and the flow machines read values, never fall back on their own.
//
// Parse with `{ reportInput: true }` (parseKioskConfig does) so that formatConfigIssues can quote the
// bad value: `flows.hospital.fingerprint: 'sometimes' is not one of required, optional, off`.

import { join } from 'node:path';
import { z } from 'zod';
import { DevicesSectionSchema, type DeviceConfig } from '../../../native/hal/device-config.ts';
import type { DeviceRole } from '../../../native/hal/device.ts';
import { DEVICE_FACTORIES, findDeviceFactory } from '../devices/device-factories.ts';
import type { DeviceFactory } from '../devices/device-factory.ts';
import { CentralSectionSchema, type CentralSectionConfig } from './central-section.ts';
import { KIOSK_LANGUAGES, languageList, pathSetting, strictSection } from './config-schema-parts.ts';
import { DiagnosticsSectionSchema, type DiagnosticsConfig } from './diagnostics-config.ts';
import { FlowsSectionSchema, type FlowsConfig } from './flows-config.ts';
import { LoggingSectionSchema, type LoggingConfig } from './logging-config.ts';
import { StoreSectionSchema, SyncSectionSchema, type StoreConfig, type SyncConfig } from './store-sync-config.ts';
import { UpdatesSectionSchema, type UpdatesConfig } from './updates-config.ts';

export const KIOSK_PROFILES = Object.freeze(['demo', 'hospital', 'border-gate'] as const);
export type KioskProfile = (typeof KIOSK_PROFILES)[number];

/** The check-in flow a kiosk runs; a profile names its default (demo: hospital). */
export const FLOW_NAMES = Object.freeze(['hospital', 'border-gate'] as const);
export type FlowName = (typeof FLOW_NAMES)[number];

export const CONFIG_VERSION = 1;

const KioskSectionSchema = strictSection({
  /** This kiosk's id at the central service (CheckInRecord.kioskId). */
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: "must be 1 to 64 letters, digits, '.', '_' or '-'" }),
  /** Where the kiosk stands, as technicians and reports name it (e.g. `BV Bạch Mai - sảnh A`). */
  siteName: z.string().trim().min(1).max(120),
});

const UiSectionSchema = strictSection({
  /** The languages offered one tap away; Vietnamese is always among them. */
  languages: languageList.default(['vi', 'en']),
  /** The language of the welcome screen, and the one the screen returns to after each person. */
  defaultLanguage: z.enum(KIOSK_LANGUAGES).default('vi'),
});

const TrustStoreSectionSchema = strictSection({
  /** A CSCA certificate, CRL or master-list file, or a folder of them (searched recursively). */
  path: pathSetting,
});

/**
 * The devices section, each driver's `options` checked by its factory's schema. It runs whenever the
 * section itself is valid, so option problems show beside problems in other sections.
 */
function devicesSection(factories: readonly DeviceFactory[]) {
  return DevicesSectionSchema.superRefine((devices, ctx) => {
    devices.forEach((device, index) => {
      const factory = findDeviceFactory(device.role, device.driver, factories);
      if (factory === undefined) {
        ctx.addIssue({ code: 'custom', path: [index, 'driver'], message: `'${device.driver}' is not available in this build for role ${device.role}`, input: device.driver });
        return;
      }
      const result = factory.options.safeParse(device.options, { reportInput: true });
      if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [index, 'options', ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
    });
  });
}

function kioskConfigShape(factories: readonly DeviceFactory[]) {
  return strictSection({
    /** The version of this file's format. */
    version: z.literal(CONFIG_VERSION).default(CONFIG_VERSION),
    profile: z.enum(KIOSK_PROFILES),
    flow: z.enum(FLOW_NAMES).optional(),
    kiosk: KioskSectionSchema,
    devices: devicesSection(factories),
    centralService: CentralSectionSchema,
    store: StoreSectionSchema,
    sync: SyncSectionSchema.prefault({}),
    flows: FlowsSectionSchema,
    ui: UiSectionSchema.prefault({}),
    diagnostics: DiagnosticsSectionSchema.prefault({}),
    trustStore: TrustStoreSectionSchema,
    logging: LoggingSectionSchema.prefault({}),
    updates: UpdatesSectionSchema.prefault({}),
  });
}

type ParsedShape = z.infer<ReturnType<typeof kioskConfigShape>>;

/** The validated config, every default filled in. Deeply frozen when it comes from loadKioskConfig. */
export interface KioskConfig {
  readonly version: typeof CONFIG_VERSION;
  readonly profile: KioskProfile;
  /** The flow this kiosk runs; `flows` holds its section. */
  readonly flow: FlowName;
  readonly kiosk: ParsedShape['kiosk'];
  readonly devices: readonly DeviceConfig[];
  readonly centralService: CentralSectionConfig;
  readonly store: StoreConfig;
  readonly sync: SyncConfig;
  readonly flows: FlowsConfig;
  readonly ui: ParsedShape['ui'];
  readonly diagnostics: DiagnosticsConfig;
  readonly trustStore: ParsedShape['trustStore'];
  readonly logging: LoggingConfig;
  /** The Electron shell's self-update (off by default). */
  readonly updates: UpdatesConfig;
}

function defaultFlow(profile: KioskProfile): FlowName {
  return profile === 'border-gate' ? 'border-gate' : 'hospital';
}

/** The roles a flow cannot run without (fingerprint only when its mode is not `off`). */
function neededRoles(config: ParsedShape, flow: FlowName): DeviceRole[] {
  if (flow === 'hospital') {
    const section = config.flows.hospital;
    return ['cardReader', 'printer', ...(section && section.fingerprint !== 'off' ? (['fingerprint'] as const) : [])];
  }
  const section = config.flows.borderGate;
  return ['cardReader', 'gate', ...(section && section.fingerprint !== 'off' ? (['fingerprint'] as const) : [])];
}

type Ctx = z.core.$RefinementCtx<ParsedShape>;

function checkAcrossSections(config: ParsedShape, ctx: Ctx): void {
  const flow = config.flow ?? defaultFlow(config.profile);
  const flowKey = flow === 'hospital' ? 'hospital' : 'borderGate';
  if (config.flows[flowKey] === undefined) {
    ctx.addIssue({ code: 'custom', path: ['flows', flowKey], message: `is required: this kiosk runs the ${flow} flow`, input: undefined });
  } else {
    const roles = new Set(config.devices.map((d) => d.role));
    for (const role of neededRoles(config, flow)) {
      if (!roles.has(role)) ctx.addIssue({ code: 'custom', path: ['devices'], message: `has no ${role} device; the ${flow} flow needs one`, input: undefined });
    }
  }
  if (!config.ui.languages.includes('vi')) ctx.addIssue({ code: 'custom', path: ['ui', 'languages'], message: 'must include vi (Vietnamese is always offered)', input: config.ui.languages });
  if (!config.ui.languages.includes(config.ui.defaultLanguage)) {
    ctx.addIssue({ code: 'invalid_value', values: [...config.ui.languages], path: ['ui', 'defaultLanguage'], message: 'not offered', input: config.ui.defaultLanguage });
  }
  const central = config.centralService;
  if (central.mode === 'remote' && central.kioskId !== undefined && central.kioskId !== config.kiosk.id) {
    ctx.addIssue({ code: 'custom', path: ['centralService', 'kioskId'], message: `'${central.kioskId}' differs from kiosk.id '${config.kiosk.id}'; leave it out to use kiosk.id`, input: central.kioskId });
  }
  if (central.mode === 'simulator' && config.profile !== 'demo') {
    ctx.addIssue({ code: 'custom', path: ['centralService', 'mode'], message: `'simulator' is for the demo profile only; a ${config.profile} kiosk talks to a remote service`, input: 'simulator' });
  }
}

/** Fills the defaults that depend on other sections: kioskId, and the paths inside store.dataDir. */
function complete(config: ParsedShape): KioskConfig {
  const { dataDir } = config.store;
  const key: StoreConfig['key'] =
    config.store.key.provider === 'file'
      ? { provider: 'file', path: config.store.key.path ?? join(dataDir, 'store.key'), create: config.store.key.create }
      : { provider: 'safe-storage', sealedKeyPath: config.store.key.sealedKeyPath ?? join(dataDir, 'store.key.sealed'), create: config.store.key.create };
  const central = config.centralService;
  const centralService: CentralSectionConfig =
    central.mode === 'remote' ? { ...central, kioskId: central.kioskId ?? config.kiosk.id } : { ...central, dataDir: central.dataDir ?? join(dataDir, 'central-sim') };
  return {
    ...config,
    flow: config.flow ?? defaultFlow(config.profile),
    centralService,
    store: { ...config.store, databasePath: config.store.databasePath ?? join(dataDir, 'kiosk.db'), key },
  };
}

/**
 * The kiosk config schema. `factories` is the device factory table whose option schemas check each
 * device's `options` (tests pass their own).
 */
export function kioskConfigSchema(factories: readonly DeviceFactory[] = DEVICE_FACTORIES): z.ZodType<KioskConfig, unknown> {
  return kioskConfigShape(factories).superRefine(checkAcrossSections).transform(complete);
}

/** The schema over the build's device factories. */
export const KioskConfigSchema = kioskConfigSchema();
