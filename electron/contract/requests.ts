// Client -> core requests. Every request is one JSON object with a `type`, a client-chosen `id` echoed
// in the reply, and the fields of that type only (objects are strict: an unknown field is refused).
// The core answers every request exactly once with `ok` or `error`; what an intent changes arrives as
// the next state snapshot, never in the reply.

import { z } from 'zod';
import { boundedText, IdentifierSchema, LanguageSchema, RequestIdSchema } from './common.ts';

/** Who is connecting: the kiosk's own screen, or a local system (a hospital web app) acting as agent. */
export const CLIENT_ROLES = ['screen', 'agent'] as const;
export const ClientRoleSchema = z.enum(CLIENT_ROLES);
export type ClientRole = z.infer<typeof ClientRoleSchema>;

function request<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.strictObject({ type: z.literal(type), id: RequestIdSchema, ...shape });
}

/**
 * The first request of every session. `version` must equal the core's CONTRACT_VERSION. `token` is
 * for transports whose handshake cannot carry it; the WebSocket host checks the token on upgrade and,
 * when `token` is given here too, checks that it matches.
 */
export const HelloRequestSchema = request('hello', {
  version: z.number().int().positive(),
  token: z.string().min(1).max(256).optional(),
  role: ClientRoleSchema.optional(),
  /** The client's own name and version for the technician's log, e.g. `renderer 0.1.0`. */
  client: boundedText(100).optional(),
});

export const PingRequestSchema = request('ping', {});

// --- Flow intents: what a person did on the screen. The core decides what follows. ---------------

/** Tap on the welcome screen. */
export const StartIntentSchema = request('flow.start', {});
/** "I will place my card on the reader" (the chip path). */
export const PresentCardIntentSchema = request('flow.presentCard', {});
/** "I will scan the QR code on my CCCD" (document scanner path). */
export const UseQrIntentSchema = request('flow.useQr', {});
export const ChooseLanguageIntentSchema = request('flow.chooseLanguage', { language: LanguageSchema });
export const ChooseDepartmentIntentSchema = request('flow.chooseDepartment', { departmentId: IdentifierSchema });
/** Skip the fingerprint where the configuration makes it optional. */
export const SkipFingerprintIntentSchema = request('flow.skipFingerprint', {});
export const ConfirmIntentSchema = request('flow.confirm', {});
export const BackIntentSchema = request('flow.back', {});
export const CancelIntentSchema = request('flow.cancel', {});
export const RetryIntentSchema = request('flow.retry', {});
/** The person touched the screen: postpones the idle reset (no other effect). */
export const ActivityIntentSchema = request('flow.activity', {});

// --- Diagnostics: technician requests, per session, behind a PIN. --------------------------------

export const DiagnosticsUnlockRequestSchema = request('diagnostics.unlock', {
  pin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits'),
});
export const DiagnosticsLockRequestSchema = request('diagnostics.lock', {});
export const DiagnosticsRefreshRequestSchema = request('diagnostics.refresh', {});
export const DiagnosticsSelfTestRequestSchema = request('diagnostics.selfTest', { deviceId: IdentifierSchema });
export const DiagnosticsExportRequestSchema = request('diagnostics.export', {});

// --- Demo controls: the simulators' control surface, refused with NOT_AVAILABLE outside `demo`. ---

export const DemoInsertCardRequestSchema = request('demo.insertCard', {
  /** A simulator chip profile, e.g. `cccd` or `passport-td3`. */
  profile: IdentifierSchema,
  /** A chip whose data was altered after signing (passive authentication fails). */
  tampered: z.boolean().optional(),
});
export const DemoRemoveCardRequestSchema = request('demo.removeCard', {});
export const DemoScanDocumentRequestSchema = request('demo.scanDocument', {
  kind: z.enum(['qr', 'mrz']),
  profile: IdentifierSchema,
});
export const DemoPlaceFingerRequestSchema = request('demo.placeFinger', {
  outcome: z.enum(['match', 'mismatch', 'unusable']),
});
export const DemoSetCentralRequestSchema = request('demo.setCentral', { online: z.boolean() });
export const DemoSetPrinterRequestSchema = request('demo.setPrinter', { paper: z.enum(['ok', 'out']) });

export const ClientRequestSchema = z.discriminatedUnion('type', [
  HelloRequestSchema,
  PingRequestSchema,
  StartIntentSchema,
  PresentCardIntentSchema,
  UseQrIntentSchema,
  ChooseLanguageIntentSchema,
  ChooseDepartmentIntentSchema,
  SkipFingerprintIntentSchema,
  ConfirmIntentSchema,
  BackIntentSchema,
  CancelIntentSchema,
  RetryIntentSchema,
  ActivityIntentSchema,
  DiagnosticsUnlockRequestSchema,
  DiagnosticsLockRequestSchema,
  DiagnosticsRefreshRequestSchema,
  DiagnosticsSelfTestRequestSchema,
  DiagnosticsExportRequestSchema,
  DemoInsertCardRequestSchema,
  DemoRemoveCardRequestSchema,
  DemoScanDocumentRequestSchema,
  DemoPlaceFingerRequestSchema,
  DemoSetCentralRequestSchema,
  DemoSetPrinterRequestSchema,
]);
export type ClientRequest = z.infer<typeof ClientRequestSchema>;
export type ClientRequestType = ClientRequest['type'];
export type RequestOf<T extends ClientRequestType> = Extract<ClientRequest, { type: T }>;

export const CLIENT_REQUEST_TYPES: readonly ClientRequestType[] = Object.freeze(
  ClientRequestSchema.options.map((o) => o.shape.type.value),
);

/** Flow intents: the requests a snapshot may list in `actions`. */
export const FLOW_INTENT_TYPES = [
  'flow.start',
  'flow.presentCard',
  'flow.useQr',
  'flow.chooseLanguage',
  'flow.chooseDepartment',
  'flow.skipFingerprint',
  'flow.confirm',
  'flow.back',
  'flow.cancel',
  'flow.retry',
] as const satisfies readonly ClientRequestType[];
export const FlowIntentTypeSchema = z.enum(FLOW_INTENT_TYPES);
export type FlowIntentType = z.infer<typeof FlowIntentTypeSchema>;
export type FlowIntent = Extract<ClientRequest, { type: `flow.${string}` }>;
export type DiagnosticsRequest = Extract<ClientRequest, { type: `diagnostics.${string}` }>;
export type DemoRequest = Extract<ClientRequest, { type: `demo.${string}` }>;
