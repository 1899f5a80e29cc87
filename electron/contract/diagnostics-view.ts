// The technician's diagnostics screen: sent only to the session that unlocked it with the PIN, never
// broadcast. Holds no personal data: device ids and states, the reader's ATR, an APDU trace of command
// headers and status words (no data fields), timings, queue counts, sync state and config summary.

import { z } from 'zod';
import { boundedText, CountSchema, DurationMsSchema, EpochMsSchema, IdentifierSchema, LocalizedTextSchema } from './common.ts';
import { FlowKindSchema } from './screens.ts';

export const DEVICE_ROLES = ['cardReader', 'fingerprint', 'documentScanner', 'printer', 'gate'] as const;
export const DEVICE_STATES = ['absent', 'ready', 'busy', 'faulted'] as const;

export const DeviceViewSchema = z.strictObject({
  id: IdentifierSchema,
  role: z.enum(DEVICE_ROLES),
  driver: IdentifierSchema,
  /** Whether a check-in needs this device. */
  required: z.boolean(),
  state: z.enum(DEVICE_STATES),
  /** Stable reason, e.g. `PAPER_OUT`, `NOT_CONNECTED`. */
  reason: IdentifierSchema.optional(),
  detail: boundedText(500).optional(),
  since: EpochMsSchema,
});
export type DeviceView = z.infer<typeof DeviceViewSchema>;

export const SelfTestViewSchema = z.strictObject({
  deviceId: IdentifierSchema,
  ok: z.boolean(),
  totalMs: DurationMsSchema,
  steps: z
    .array(z.strictObject({ name: boundedText(100), ok: z.boolean(), ms: DurationMsSchema, detail: boundedText(500).optional() }))
    .max(50),
  /** What a person would be told if a check-in needed the device now (when it failed). */
  userMessage: LocalizedTextSchema.optional(),
  at: EpochMsSchema,
});
export type SelfTestView = z.infer<typeof SelfTestViewSchema>;

/** One APDU of the last read: the plain command header (`0C B0 00 00 Lc=0 Le=223`) and status, no data. */
export const ApduTraceLineSchema = z.strictObject({
  step: boundedText(80),
  command: z
    .string()
    .max(60)
    .regex(/^[0-9A-F]{2} [0-9A-F]{2} [0-9A-F]{2} ?[0-9A-F]{2}( Lc=\d{1,5})?( Le=\d{1,5})?( ext)?$/, 'a command header: CLA INS P1 P2, Lc=, Le=, ext'),
  secureMessaging: z.boolean(),
  commandBytes: CountSchema,
  responseBytes: CountSchema,
  sw: z.string().regex(/^[0-9A-Fa-f]{4}$|^$/),
  ms: DurationMsSchema,
});
export type ApduTraceLine = z.infer<typeof ApduTraceLineSchema>;

export const LastReadViewSchema = z.strictObject({
  at: EpochMsSchema,
  ok: z.boolean(),
  /** Error code when the read failed, e.g. `CARD_REMOVED`. */
  errorCode: IdentifierSchema.optional(),
  access: z.enum(['PACE', 'BAC']).optional(),
  timings: z.strictObject({ accessMs: DurationMsSchema, holderMs: DurationMsSchema, totalMs: DurationMsSchema }).optional(),
  apduCount: CountSchema,
  bytesSent: CountSchema,
  bytesReceived: CountSchema,
  resumes: CountSchema,
  trace: z.array(ApduTraceLineSchema).max(2000),
});
export type LastReadView = z.infer<typeof LastReadViewSchema>;

export const QueueViewSchema = z.strictObject({
  pending: CountSchema,
  sending: CountSchema,
  accepted: CountSchema,
  rejected: CountSchema,
  deadLettered: CountSchema,
  oldestPendingAgeMs: DurationMsSchema.nullable(),
});
export type QueueView = z.infer<typeof QueueViewSchema>;

export const SyncViewSchema = z.strictObject({
  running: z.boolean(),
  /** Circuit breaker state towards the central service. */
  breaker: z.enum(['closed', 'open', 'half-open']),
  lastSuccessAt: EpochMsSchema.nullable(),
  lastError: z.strictObject({ code: IdentifierSchema, message: boundedText(500), at: EpochMsSchema }).nullable(),
});
export type SyncView = z.infer<typeof SyncViewSchema>;

export const DiagnosticsViewSchema = z.strictObject({
  kiosk: z.strictObject({
    kioskId: IdentifierSchema,
    profile: IdentifierSchema,
    flow: FlowKindSchema,
    appVersion: boundedText(40),
    contractVersion: z.number().int().positive(),
    startedAt: EpochMsSchema,
  }),
  devices: z.array(DeviceViewSchema).max(32),
  reader: z.strictObject({ atr: z.string().regex(/^[0-9A-Fa-f]{0,80}$/).optional(), lastRead: LastReadViewSchema.optional() }),
  queue: QueueViewSchema,
  sync: SyncViewSchema,
  /** The latest errors the core logged (codes and technician text only), newest first. */
  recentErrors: z.array(z.strictObject({ at: EpochMsSchema, code: IdentifierSchema, message: boundedText(500) })).max(50),
  /** Config summary as label/value pairs (no secrets: the PIN hash and keys are never included). */
  config: z.array(z.strictObject({ key: boundedText(80), value: boundedText(300) })).max(100),
});
export type DiagnosticsView = z.infer<typeof DiagnosticsViewSchema>;
