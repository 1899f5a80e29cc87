// The check-in record as it travels to the central authentication service: the wire shape the kiosk's
// outbox stores (encrypted where personal) and the service's OpenAPI document describes. One zod schema,
// used by the client, the store and the central-service simulator, so the three cannot drift apart.

import { z } from 'zod';

export const ASSURANCE_LEVELS = ['QR_ONLY', 'CHIP_READ', 'PA_VERIFIED', 'PA_AA_OR_CA'] as const;
const checkVerdict = z.enum(['passed', 'failed', 'not-performed', 'unverified']);

/** Personal data: encrypted at rest, purged after acceptance plus the retention period. */
export const PersonSchema = z
  .object({
    documentType: z.enum(['CCCD', 'PASSPORT', 'OTHER']),
    documentNumber: z.string().min(1).max(32),
    issuingState: z.string().regex(/^[A-Z<]{3}$/),
    fullName: z.string().min(1).max(200),
    /** ISO date YYYY-MM-DD (or YYYY-MM / YYYY when the document gives no more). */
    dateOfBirth: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
    sex: z.enum(['M', 'F', 'X']),
    nationality: z.string().regex(/^[A-Z<]{3}$/).optional(),
    /** The 12-digit personal ID for CCCD. */
    personalNumber: z.string().max(32).optional(),
  })
  .strict();

export const CheckInRecordSchema = z
  .object({
    /** UUID, written in the same transaction as the check-in: the service's deduplication key. */
    idempotencyKey: z.uuid(),
    kioskId: z.string().min(1).max(64),
    profile: z.enum(['hospital', 'border-gate']),
    /** RFC 3339 UTC timestamp of the commit. */
    createdAt: z.iso.datetime(),
    assurance: z.enum(ASSURANCE_LEVELS),
    verdicts: z
      .object({
        passive: checkVerdict,
        active: checkVerdict,
        chip: checkVerdict,
        fingerprint: z.enum(['matched', 'not-matched', 'captured', 'not-performed']),
      })
      .strict(),
    /** Device health at check-in time, by device id. */
    devices: z.record(z.string().max(64), z.enum(['absent', 'ready', 'busy', 'faulted'])).optional(),
    person: PersonSchema,
    /** Hospital: the department or service chosen and the ticket printed. */
    visit: z.object({ departmentId: z.string().max(64), ticketNumber: z.string().max(32).optional() }).strict().optional(),
    /** Border gate: what the kiosk decided. */
    gate: z.object({ decision: z.enum(['open', 'booth']), reasonCode: z.string().max(32).optional(), booth: z.string().max(16).optional() }).strict().optional(),
  })
  .strict();

export type CheckInRecord = z.infer<typeof CheckInRecordSchema>;
export type Person = z.infer<typeof PersonSchema>;
