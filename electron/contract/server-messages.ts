// Core -> client messages: the reply to each request (`ok` / `error`), state snapshots, and events.

import { z } from 'zod';
import { boundedText, EpochMsSchema, IdentifierSchema, LanguageSchema, RequestIdSchema } from './common.ts';
import { ContractErrorSchema } from './contract-errors.ts';
import { DeviceViewSchema, DiagnosticsViewSchema, SelfTestViewSchema, SyncViewSchema, QueueViewSchema } from './diagnostics-view.ts';
import { ClientRoleSchema } from './requests.ts';
import { FlowKindSchema } from './screens.ts';
import { StateSnapshotSchema } from './state-snapshot.ts';

/** Largest exported diagnostics report, in characters of JSON. */
export const MAX_REPORT_CHARS = 512 * 1024;

const result = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) => z.strictObject({ kind: z.literal(kind), ...shape });

export const HelloResultSchema = result('hello', {
  contractVersion: z.number().int().positive(),
  /** The core's id for this session (appears in its logs). */
  sessionId: IdentifierSchema,
  role: ClientRoleSchema,
  kiosk: z.strictObject({
    kioskId: IdentifierSchema,
    flow: FlowKindSchema,
    languages: z.array(LanguageSchema).min(1).max(3),
    appVersion: boundedText(40),
    /** Whether the demo controls (`demo.*`) are available. */
    demo: z.boolean(),
  }),
});

export const PongResultSchema = result('pong', { at: EpochMsSchema });
/** An intent was taken: the screen changes with the next snapshot. */
export const AcceptedResultSchema = result('accepted', {});
export const DiagnosticsResultSchema = result('diagnostics', { view: DiagnosticsViewSchema });
export const SelfTestResultSchema = result('selfTest', { result: SelfTestViewSchema });
export const ReportResultSchema = result('report', {
  fileName: z.string().regex(/^[A-Za-z0-9._-]{1,100}\.json$/),
  /** The report as JSON text, for the renderer to offer as a download. */
  json: z.string().max(MAX_REPORT_CHARS),
});

export const ResultSchema = z.discriminatedUnion('kind', [
  HelloResultSchema,
  PongResultSchema,
  AcceptedResultSchema,
  DiagnosticsResultSchema,
  SelfTestResultSchema,
  ReportResultSchema,
]);
export type Result = z.infer<typeof ResultSchema>;
export type ResultOf<K extends Result['kind']> = Extract<Result, { kind: K }>;

export const OkMessageSchema = z.strictObject({ type: z.literal('ok'), id: RequestIdSchema, result: ResultSchema });
/** `id` is null when the request was refused before its id could be read (bad JSON, no id). */
export const ErrorMessageSchema = z.strictObject({ type: z.literal('error'), id: RequestIdSchema.nullable(), error: ContractErrorSchema });
export const SnapshotMessageSchema = z.strictObject({ type: z.literal('snapshot'), snapshot: StateSnapshotSchema });

const event = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) => z.strictObject({ kind: z.literal(kind), ...shape });

export const CoreEventSchema = z.discriminatedUnion('kind', [
  /** A device changed health (broadcast). */
  event('deviceHealth', { device: DeviceViewSchema }),
  /** Queue and sync changed (broadcast; no personal data). */
  event('sync', { queue: QueueViewSchema, sync: SyncViewSchema }),
  /** The unlocked diagnostics view changed (to unlocked sessions only). */
  event('diagnostics', { view: DiagnosticsViewSchema }),
  /** The diagnostics session ended: locked by request, by inactivity, or by the lockout. */
  event('diagnosticsLocked', { reason: z.enum(['requested', 'inactivity', 'lockout']) }),
  /** The core is stopping or restarting: the client should reconnect after `retryInMs`. */
  event('shutdown', { reason: z.enum(['stopping', 'restarting']), retryInMs: z.number().int().nonnegative().max(600_000) }),
]);
export type CoreEvent = z.infer<typeof CoreEventSchema>;
export const EventMessageSchema = z.strictObject({ type: z.literal('event'), event: CoreEventSchema });

export const ServerMessageSchema = z.discriminatedUnion('type', [OkMessageSchema, ErrorMessageSchema, SnapshotMessageSchema, EventMessageSchema]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
export type OkMessage = z.infer<typeof OkMessageSchema>;
export type ErrorMessage = z.infer<typeof ErrorMessageSchema>;
export type SnapshotMessage = z.infer<typeof SnapshotMessageSchema>;
export type EventMessage = z.infer<typeof EventMessageSchema>;
