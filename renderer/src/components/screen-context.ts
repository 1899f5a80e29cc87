// What every kiosk screen component receives: the person's language, the intents the core offers now,
// and how to send one. Screens draw their view model and send intents; they decide nothing else.

import type { FlowIntentType, Language, RequestOf } from '../../../electron/contract/index.ts';
import { say, type UiText } from '../i18n/localize.ts';
import { TEXTS, type TextKey } from '../i18n/texts.ts';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** A flow intent as a screen writes it (the client adds the id). */
export type IntentToSend = WithoutId<RequestOf<FlowIntentType>>;

export interface ScreenContext {
  readonly language: Language;
  readonly actions: ReadonlySet<FlowIntentType>;
  readonly send: (intent: IntentToSend) => void;
}

export function makeScreenContext(language: Language, actions: readonly FlowIntentType[], send: (intent: IntentToSend) => void): ScreenContext {
  return { language, actions: new Set(actions), send };
}

/** One of the renderer's own texts in the context's language. */
export function text(ctx: Pick<ScreenContext, 'language'>, key: TextKey, values: Readonly<Record<string, string | number>> = {}): string {
  return say(TEXTS[key] as UiText, ctx.language, values);
}
