// Choosing the words for the person's language. Texts from the core are LocalizedText (Chinese only
// where the border gate shows it); the renderer's own texts (texts.ts) exist in all three languages.

import type { Language, LocalizedText } from '../../../electron/contract/index.ts';

/** A text of the renderer's own, complete in every language. */
export type UiText = Readonly<Record<Language, string>>;

/** `text[language] ?? text.en`, the contract's rule for LocalizedText. */
export function localized(text: LocalizedText | UiText, language: Language): string {
  return text[language] ?? text.en;
}

/** Replaces `{name}` placeholders; unknown names are left as they are, so a missing value is visible. */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The localized text with its placeholders filled. */
export function say(text: UiText, language: Language, values: Readonly<Record<string, string | number>> = {}): string {
  return format(localized(text, language), values);
}
