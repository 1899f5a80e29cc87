// Small schema pieces shared by the sections of the kiosk config: strict objects whose unknown-field
// message lists the fields they accept (a typo names its neighbours), durations with their unit in the
// field name, file paths, and texts in the kiosk's languages.

import { z } from 'zod';

/** The languages a person can choose on screen; Vietnamese first, Chinese for the border gate. */
export const KIOSK_LANGUAGES = Object.freeze(['vi', 'en', 'zh'] as const);
export type KioskLanguage = (typeof KIOSK_LANGUAGES)[number];

/** A strict object whose unknown-field message lists the fields it does accept. */
export function strictSection<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')} (fields: ${allowed})` : undefined,
  });
}

/** A whole number of seconds in [min, max]. */
export function seconds(min: number, max: number) {
  return z.int().min(min).max(max);
}

/**
 * A file or folder path. Relative paths in a file are resolved against that file's folder by the
 * loader (config-paths.ts), before validation; a path given to the schema directly stays as written.
 */
export const pathSetting = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), { error: 'must not contain a NUL character' });

/** An identifier a program matches on: lowercase letters, digits, '-' and '_'. */
export function identifier(maxLength: number) {
  return z.string().regex(new RegExp(`^[a-z0-9][a-z0-9_-]{0,${maxLength - 1}}$`), {
    error: `must be lowercase letters, digits, '-' or '_', at most ${maxLength} characters`,
  });
}

const text = z.string().trim().min(1).max(120);

/** A label for the border gate, which also speaks Chinese. */
export const trilingualText = strictSection({ vi: text, en: text, zh: text });

/** A list of languages without repeats. */
export const languageList = z
  .array(z.enum(KIOSK_LANGUAGES))
  .min(1)
  .max(KIOSK_LANGUAGES.length)
  .refine((list) => new Set(list).size === list.length, { error: 'lists a language twice' });

/** Adds an issue for each later item whose `id` repeats an earlier one. */
export function uniqueIds(items: readonly { readonly id: string }[], ctx: z.core.$RefinementCtx<unknown>, what: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const earlier = seen.get(item.id);
    if (earlier === undefined) seen.set(item.id, index);
    else ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `'${item.id}' is already the id of ${what}[${earlier}]; ids must be unique`, input: item.id });
  });
}
