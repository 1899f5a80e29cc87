// The language buttons, always at hand: Vietnamese first, then the others this kiosk offers, each in its
// own name and script. One tap sends `flow.chooseLanguage`; the snapshot that follows is in that language.

import type { Language } from '../../../electron/contract/index.ts';
import { LANGUAGE_NAMES } from '../i18n/texts.ts';
import { text, type ScreenContext } from './screen-context.ts';

export function LanguageBar({ ctx, languages }: { readonly ctx: ScreenContext; readonly languages: readonly Language[] }) {
  if (!ctx.actions.has('flow.chooseLanguage') || languages.length < 2) return null;
  return (
    <div className="language-bar" role="group" aria-label={text(ctx, 'chooseLanguage')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="btn-language"
          data-language={language}
          aria-pressed={language === ctx.language}
          onClick={() => ctx.send({ type: 'flow.chooseLanguage', language })}
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </div>
  );
}
