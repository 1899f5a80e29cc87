// The `centralService` section of the kiosk config, in one of two modes:
//
//   centralService:            # a real central authentication service (CentralServiceConfigSchema)
//     mode: remote             # the default
//     url: https://auth.example.gov.vn
//     keyId: kiosk-hn-01-2025
//     signingKeyFile: keys/kiosk.ed25519.pem
//     # kioskId: taken from kiosk.id
//
//   centralService:            # demo: the central-service simulator, started by the kiosk on loopback
//     mode: simulator
//     port: 0                  # 0: any free port
//
// The remote fields are those of electron/core/sync/central-service-config.ts, whose reader
// (centralClientOptions) takes `remoteCentralSection(config)`.

import { z } from 'zod';
import { NO_FAULTS } from '../../../native/sim/central/central-faults.ts';
import { CentralServiceConfigSchema, type CentralServiceConfig } from '../sync/central-service-config.ts';
import { pathSetting, strictSection } from './config-schema-parts.ts';

export const CENTRAL_MODES = Object.freeze(['remote', 'simulator'] as const);
export type CentralMode = (typeof CENTRAL_MODES)[number];

/** The central service's section without `kioskId`, which defaults to kiosk.id (the whole config checks it). */
const RemoteCentralSchema = strictSection({
  mode: z.literal('remote').default('remote'),
  ...CentralServiceConfigSchema.shape,
  kioskId: CentralServiceConfigSchema.shape.kioskId.optional(),
});

const faultRate = z.number().min(0).max(1);
const faultMs = z.number().min(0).max(60_000);

/** The simulator's fault injection (native/sim/central/central-faults.ts), for demos of an unreliable network. */
const SimulatorFaultsSchema = strictSection({
  latencyMs: faultMs.default(NO_FAULTS.latencyMs),
  latencySpikeRate: faultRate.default(NO_FAULTS.latencySpikeRate),
  latencySpikeMs: faultMs.default(NO_FAULTS.latencySpikeMs),
  serverErrorRate: faultRate.default(NO_FAULTS.serverErrorRate),
  rateLimitRate: faultRate.default(NO_FAULTS.rateLimitRate),
  retryAfterSeconds: z.number().min(0).max(3600).default(NO_FAULTS.retryAfterSeconds),
  resetRate: faultRate.default(NO_FAULTS.resetRate),
  slowBodyRate: faultRate.default(NO_FAULTS.slowBodyRate),
  slowBodyChunkDelayMs: faultMs.default(NO_FAULTS.slowBodyChunkDelayMs),
  lostResponseRate: faultRate.default(NO_FAULTS.lostResponseRate),
});

const SimulatorCentralSchema = strictSection({
  mode: z.literal('simulator'),
  /** Loopback only: the simulator holds a demo kiosk's key and is never reachable from the network. */
  host: z.enum(['127.0.0.1', '::1', 'localhost']).default('127.0.0.1'),
  port: z.int().min(0).max(65535).default(0),
  /** Where the simulator keeps what it received and the demo kiosk's key; default `<store.dataDir>/central-sim`. */
  dataDir: pathSetting.optional(),
  /** Serve HTTPS with a throwaway test CA (and pin its key) instead of plain HTTP. */
  tls: z.boolean().default(false),
  faults: SimulatorFaultsSchema.prefault({}),
});

export type RemoteCentralConfig = Omit<CentralServiceConfig, 'kioskId'> & { readonly mode: 'remote'; readonly kioskId: string };
export type SimulatorCentralConfig = z.infer<typeof SimulatorCentralSchema> & { readonly dataDir: string };
export type CentralSectionConfig = RemoteCentralConfig | SimulatorCentralConfig;

/**
 * The section as parsed, before kiosk.id and store.dataDir fill `kioskId` and `dataDir`. The mode picks
 * the shape, so a problem is reported against the fields of the mode in use only.
 */
export const CentralSectionSchema = z.unknown().transform((input, ctx) => {
  const mode = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as { mode?: unknown }).mode : undefined;
  if (mode !== undefined && !(CENTRAL_MODES as readonly unknown[]).includes(mode)) {
    ctx.addIssue({ code: 'invalid_value', values: [...CENTRAL_MODES], path: ['mode'], message: 'unknown mode', input: mode });
    return z.NEVER;
  }
  const result = mode === 'simulator' ? SimulatorCentralSchema.safeParse(input, { reportInput: true }) : RemoteCentralSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
});

/** The remote section in the shape centralClientOptions reads, or undefined in simulator mode. */
export function remoteCentralSection(section: CentralSectionConfig): CentralServiceConfig | undefined {
  if (section.mode !== 'remote') return undefined;
  const { mode: _mode, ...rest } = section;
  return rest;
}
