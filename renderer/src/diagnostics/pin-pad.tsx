// The technician PIN pad: digits as big keys, what was typed as dots, and the core's answer (wrong PIN
// with the tries left, or locked out until a time).

import type { Language } from '../../../electron/contract/index.ts';
import { localized, say } from '../i18n/localize.ts';
import { DIAGNOSTICS_TEXTS as T } from '../i18n/diagnostics-texts.ts';
import { PIN_MAX_DIGITS, type PinProblem } from './diagnostics-store.ts';

export interface PinPadProps {
  readonly language: Language;
  readonly digits: number;
  readonly unlocking: boolean;
  readonly problem: PinProblem | null;
  readonly onDigit: (digit: string) => void;
  readonly onClear: () => void;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** The time of day a lockout ends, in the person's language. */
export function clockTime(at: number, language: Language): string {
  return new Date(at).toLocaleTimeString(language === 'vi' ? 'vi-VN' : language === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function pinProblemText(problem: PinProblem, language: Language): string {
  if (problem.code === 'PIN_TOO_SHORT') return say(T.pinTooShort, language);
  if (problem.code === 'PIN_WRONG' && 'triesLeft' in problem && problem.triesLeft !== null) return say(T.pinWrongTries, language, { n: problem.triesLeft });
  if (problem.code === 'LOCKED_OUT' && 'retryAt' in problem && problem.retryAt !== null) return say(T.pinLockedUntil, language, { time: clockTime(problem.retryAt, language) });
  if ('message' in problem && problem.message) return localized(problem.message, language);
  return problem.code;
}

export function PinPad({ language, digits, unlocking, problem, onDigit, onClear, onSubmit, onCancel }: PinPadProps) {
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="pin-title">
      <div className="pin-pad" data-testid="pin-pad">
        <h2 id="pin-title" className="pin-title">
          {say(T.pinTitle, language)}
        </h2>
        <p className="pin-dots" aria-label={say(T.pinDigits, language, { n: digits })} data-testid="pin-dots" data-digits={digits}>
          {Array.from({ length: Math.max(digits, 6) }, (_, i) => (
            <span key={i} className={i < digits ? 'pin-dot pin-dot-filled' : 'pin-dot'} aria-hidden="true" />
          ))}
        </p>
        <p className={`pin-error${problem ? ' pin-error-shown' : ''}`} data-testid="pin-error" data-code={problem?.code ?? ''} role="alert">
          {unlocking ? say(T.unlocking, language) : problem ? pinProblemText(problem, language) : ''}
        </p>
        <div className="pin-keys">
          {KEYS.map((k) => (
            <button key={k} type="button" className="pin-key" data-pin-digit={k} disabled={unlocking || digits >= PIN_MAX_DIGITS} onClick={() => onDigit(k)}>
              {k}
            </button>
          ))}
          <button type="button" className="pin-key pin-key-clear" data-testid="pin-clear" disabled={unlocking} onClick={onClear}>
            {say(T.pinClear, language)}
          </button>
          <button type="button" className="pin-key" data-pin-digit="0" disabled={unlocking || digits >= PIN_MAX_DIGITS} onClick={() => onDigit('0')}>
            0
          </button>
          <button type="button" className="pin-key pin-key-submit" data-testid="pin-submit" disabled={unlocking || digits === 0} onClick={onSubmit}>
            {say(T.pinSubmit, language)}
          </button>
        </div>
        <button type="button" className="btn btn-quiet pin-cancel" data-testid="pin-cancel" onClick={onCancel}>
          {say(T.pinCancel, language)}
        </button>
      </div>
    </div>
  );
}
