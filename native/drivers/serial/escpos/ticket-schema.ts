// Bounds of a printable ticket. A ticket comes from the check-in flow, so a bad one is a caller's bug:
// it is refused with PrinterError INVALID_TICKET naming the field, and nothing is queued.

import { z } from 'zod';
import { PrinterError, type Ticket } from '../../../hal/printer.ts';

/** ESC/POS GS ( k function 180 stores at most 7089 bytes; a ticket QR stays far smaller. */
export const MAX_QR_PAYLOAD_BYTES = 1024;

const text = (max: number) => z.string().max(max);

export const TicketSchema = z.strictObject({
  title: text(120),
  queueNumber: z.string().min(1).max(12),
  lines: z.array(text(300)).max(30),
  qrPayload: z
    .string()
    .min(1)
    .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_QR_PAYLOAD_BYTES, { error: `must be at most ${MAX_QR_PAYLOAD_BYTES} bytes of UTF-8` })
    .optional(),
  footer: text(300).optional(),
});

/** @throws PrinterError INVALID_TICKET naming the first wrong field (never its content). */
export function parseTicket(value: unknown): Ticket {
  const result = TicketSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(ticket)';
    throw new PrinterError('INVALID_TICKET', `ticket field ${field}: ${issue.message}`, { step: 'printer.ticket' });
  }
  const t = result.data;
  return Object.freeze({ ...t, lines: Object.freeze([...t.lines]) });
}
