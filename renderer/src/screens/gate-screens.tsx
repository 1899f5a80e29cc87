// The border gate's last steps: checks and online verification, then the verdict: a big green "please
// proceed", or amber "please go to booth N" with the reason code, small, for the officer.

import type { ScreenOf } from '../../../electron/contract/index.ts';
import { HolderCard } from '../components/holder-card.tsx';
import { text, type ScreenContext } from '../components/screen-context.ts';
import { localized } from '../i18n/localize.ts';

export function VerifyingScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'verifying'> }) {
  return (
    <section className="screen screen-verifying" data-step={view.step}>
      <HolderCard ctx={ctx} holder={view.holder} />
      <div className="spinner" aria-hidden="true" />
      <h1 className="screen-title" aria-live="polite">
        {text(ctx, view.step === 'online' ? 'verifyingOnline' : 'verifyingChecks')}
      </h1>
    </section>
  );
}

export function VerdictScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'verdict'> }) {
  const open = view.decision === 'open';
  return (
    <section className={`screen screen-verdict verdict-${view.decision}`}>
      <div className="verdict" data-testid="verdict" data-decision={view.decision} role="status">
        <span className="verdict-icon" aria-hidden="true">
          {open ? '➜' : '!'}
        </span>
        {open ? (
          <p className="verdict-title">{text(ctx, 'verdictOpen')}</p>
        ) : view.booth ? (
          <p className="verdict-title">
            {text(ctx, 'verdictBooth')} <span className="verdict-booth" data-testid="booth">{view.booth}</span>
          </p>
        ) : (
          <p className="verdict-title">{text(ctx, 'verdictBoothAny')}</p>
        )}
        <p className="verdict-message">{localized(view.message, ctx.language)}</p>
      </div>
      {view.holder ? <HolderCard ctx={ctx} holder={view.holder} compact /> : null}
      {view.reasonCode ? (
        <p className="reason">
          {text(ctx, 'reasonCode')}: <code data-testid="reason-code">{view.reasonCode}</code>
        </p>
      ) : null}
    </section>
  );
}
