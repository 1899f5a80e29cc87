// What the screen shows, one explicit view model per screen: a discriminated union on `screen`. The
// core builds these from its flow state; the renderer draws them and nothing else. A view model holds
// only what its screen shows. Personal data (name, photo, document number tail) lives in `holder` only,
// so a redacting logger or a test can find it in one place (see `redactSnapshot`), and an idle reset
// that returns to `welcome` leaves none behind.

import { z } from 'zod';
import { boundedText, CountSchema, IdentifierSchema, LocalizedTextSchema } from './common.ts';

export const FLOW_KINDS = ['hospital', 'border-gate'] as const;
export const FlowKindSchema = z.enum(FLOW_KINDS);
export type FlowKind = z.infer<typeof FlowKindSchema>;

export const DOCUMENT_KINDS = ['CCCD', 'PASSPORT', 'OTHER'] as const;
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);

export const ASSURANCE_LEVELS = ['QR_ONLY', 'CHIP_READ', 'PA_VERIFIED', 'PA_AA_OR_CA'] as const;
export const AssuranceLevelSchema = z.enum(ASSURANCE_LEVELS);

/** Largest photo accepted, as data-URL characters (a DG2 JPEG is 10-30 KB; base64 adds a third). */
export const MAX_PHOTO_DATA_URL_CHARS = 400_000;

/**
 * The holder's face as a `data:` URL (JPEG or PNG; the core transcodes JPEG 2000). A data URL keeps
 * the photo inside the snapshot, so it crosses a MessagePort as well as the WebSocket, needs no
 * second HTTP route that could outlive the idle reset, and leaves no cached file behind. PERSONAL:
 * never logged (the host logs message types and sizes only; the pino redaction lists `photo`).
 */
export const PhotoDataUrlSchema = z
  .string()
  .max(MAX_PHOTO_DATA_URL_CHARS)
  .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+={0,2}$/, 'a base64 JPEG or PNG data URL');

/** PERSONAL: the person being checked in, as much as the confirmation screens show. */
export const HolderViewSchema = z.strictObject({
  fullName: boundedText(200).min(1),
  documentKind: DocumentKindSchema,
  /** The last 4 characters of the document number, for the person to recognise their card. */
  documentNumberTail: z.string().regex(/^[A-Z0-9<]{1,4}$/).optional(),
  photo: PhotoDataUrlSchema.optional(),
});
export type HolderView = z.infer<typeof HolderViewSchema>;

/** LDS file names as the card stack reports them (`DG1`, `DG2`, `EF.SOD`, ...). */
export const ReadProgressSchema = z.strictObject({
  file: z.string().regex(/^[A-Za-z0-9.]{1,16}$/),
  bytesRead: CountSchema,
  totalBytes: CountSchema,
});
export type ReadProgress = z.infer<typeof ReadProgressSchema>;

const flowScreen = <T extends string, S extends z.ZodRawShape>(screen: T, shape: S) =>
  z.strictObject({ screen: z.literal(screen), ...shape });

export const WelcomeScreenSchema = flowScreen('welcome', {
  /** How a person may identify themselves here. */
  methods: z.array(z.enum(['chip', 'qr'])).min(1).max(2),
  title: LocalizedTextSchema,
});

export const PresentCardScreenSchema = flowScreen('presentCard', {
  method: z.enum(['chip', 'qr']),
  documents: z.array(DocumentKindSchema).min(1).max(3),
  /** Why the person is asked again (card removed, wrong card), when they are. */
  notice: LocalizedTextSchema.optional(),
});

export const ReadingScreenSchema = flowScreen('reading', {
  /** access: unlocking the chip; holder: name data; photo: DG2; verifying: PA/AA/CA. */
  step: z.enum(['access', 'holder', 'photo', 'verifying']),
  progress: ReadProgressSchema.optional(),
  /** Overall fraction 0..1 for the progress bar. */
  fraction: z.number().min(0).max(1),
  /** The card left the reader: "put it back" while the core waits to resume. */
  cardLost: z.boolean(),
  /** Shown as soon as DG1/DG13 are read, before the photo. */
  holder: HolderViewSchema.optional(),
});

export const FingerprintScreenSchema = flowScreen('fingerprint', {
  requirement: z.enum(['required', 'optional']),
  phase: z.enum(['place', 'capturing', 'lift', 'retry', 'matched', 'mismatch']),
  attempt: z.number().int().min(1).max(20),
  maxAttempts: z.number().int().min(1).max(20),
  /** What to do differently (press harder, finger too dry...). */
  hint: LocalizedTextSchema.optional(),
  holder: HolderViewSchema,
});

export const DepartmentViewSchema = z.strictObject({
  id: IdentifierSchema,
  name: LocalizedTextSchema,
  /** Expected wait in minutes, when the central service says. */
  waitMinutes: z.number().int().nonnegative().max(10_000).optional(),
  available: z.boolean(),
});
export type DepartmentView = z.infer<typeof DepartmentViewSchema>;

export const ChooseDepartmentScreenSchema = flowScreen('chooseDepartment', {
  departments: z.array(DepartmentViewSchema).max(100),
  source: z.enum(['config', 'central']),
  holder: HolderViewSchema,
});

/** What the printed ticket shows, line for line (the core's Ticket). */
export const TicketPreviewSchema = z.strictObject({
  title: boundedText(200),
  queueNumber: boundedText(32).min(1),
  lines: z.array(boundedText(200)).max(20),
  footer: boundedText(300).optional(),
});
export type TicketPreview = z.infer<typeof TicketPreviewSchema>;

export const ConfirmScreenSchema = flowScreen('confirm', {
  holder: HolderViewSchema,
  department: DepartmentViewSchema,
  fingerprint: z.enum(['matched', 'skipped', 'off']),
});

export const PrintingScreenSchema = flowScreen('printing', {
  ticket: TicketPreviewSchema,
});

export const DoneScreenSchema = flowScreen('done', {
  ticket: TicketPreviewSchema,
  /** False when the printer failed: the person shows this screen's number at the desk. */
  printed: z.boolean(),
  /** True when the central service was offline: the check-in is saved and will be sent later. */
  queuedOffline: z.boolean(),
  message: LocalizedTextSchema,
});

export const VerifyingScreenSchema = flowScreen('verifying', {
  step: z.enum(['checks', 'online']),
  holder: HolderViewSchema,
});

export const VerdictScreenSchema = flowScreen('verdict', {
  decision: z.enum(['open', 'booth']),
  /** Booth the traveller should go to, e.g. `3`. */
  booth: boundedText(16).optional(),
  /** For the officer at the booth, e.g. `PA_FAILED`, `EXPIRED`, `MRZ_MISMATCH`. */
  reasonCode: IdentifierSchema.optional(),
  assurance: AssuranceLevelSchema,
  message: LocalizedTextSchema,
  holder: HolderViewSchema.optional(),
});

export const ErrorScreenSchema = flowScreen('error', {
  /** Stable code, e.g. `CARD_UNREADABLE`, `PRINTER_PAPER_OUT`, `OFFLINE`. */
  code: IdentifierSchema,
  message: LocalizedTextSchema,
  /** Where to go when no action on screen helps: `desk`, `booth`, or try again. */
  outcome: z.enum(['retry', 'desk', 'booth']),
});

/** A device a check-in needs is not ready: the kiosk waits and says so. */
export const OutOfServiceScreenSchema = flowScreen('outOfService', {
  reason: IdentifierSchema,
  message: LocalizedTextSchema,
});

export const ScreenViewSchema = z.discriminatedUnion('screen', [
  WelcomeScreenSchema,
  PresentCardScreenSchema,
  ReadingScreenSchema,
  FingerprintScreenSchema,
  ChooseDepartmentScreenSchema,
  ConfirmScreenSchema,
  PrintingScreenSchema,
  DoneScreenSchema,
  VerifyingScreenSchema,
  VerdictScreenSchema,
  ErrorScreenSchema,
  OutOfServiceScreenSchema,
]);
export type ScreenView = z.infer<typeof ScreenViewSchema>;
export type ScreenName = ScreenView['screen'];
export type ScreenOf<S extends ScreenName> = Extract<ScreenView, { screen: S }>;

export const SCREEN_NAMES: readonly ScreenName[] = Object.freeze(ScreenViewSchema.options.map((o) => o.shape.screen.value));
