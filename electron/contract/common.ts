// Building blocks shared by every message of the UI <-> core contract: languages, localized text,
// request ids and bounded strings. Environment-neutral (no node:, no DOM): the renderer, the preload,
// the core and the hospital's local agent all parse with these same schemas.

import { z } from 'zod';

/** Languages a person can choose: Vietnamese first, English, and Chinese at the border gate. */
export const LANGUAGES = ['vi', 'en', 'zh'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** A bounded single-line string; every string crossing the boundary has a maximum length. */
export function boundedText(max: number) {
  return z.string().max(max);
}

/** A short machine identifier: device ids, department ids, codes (`PRINTER_PAPER_OUT`, `reading.chip`). */
export const IdentifierSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits and . _ : - only');

/**
 * What a person reads, in Vietnamese and English, and Chinese where the text is shown at the border
 * gate. Renderers show `text[language] ?? text.en`.
 */
export const LocalizedTextSchema = z.strictObject({
  vi: boundedText(1000),
  en: boundedText(1000),
  zh: boundedText(1000).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Chosen by the client, echoed in the reply; unique per session while a request is in flight. */
export const RequestIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
export type RequestId = z.infer<typeof RequestIdSchema>;

/** Milliseconds since the epoch (what the core's clock said). */
export const EpochMsSchema = z.number().int().nonnegative();

/** A non-negative count or size. */
export const CountSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A duration in milliseconds. */
export const DurationMsSchema = z.number().nonnegative().max(86_400_000 * 366);

/** Maximum size of one client -> core message (a PIN, ids): larger frames are refused unread. */
export const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;
/** Maximum size of one core -> client message (a snapshot may carry the holder's photo). */
export const MAX_SERVER_MESSAGE_BYTES = 1024 * 1024;
