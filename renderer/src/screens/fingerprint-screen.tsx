// The fingerprint check: the holder card, an animation of placing a finger that follows the scanner's
// phase, the attempt count, the hint after a failed try, and skip where the fingerprint is optional.

import type { ScreenOf } from '../../../electron/contract/index.ts';
import { ActionButton } from '../components/action-button.tsx';
import { FingerAnimation } from '../components/finger-animation.tsx';
import { HolderCard } from '../components/holder-card.tsx';
import { text, type ScreenContext } from '../components/screen-context.ts';
import { localized } from '../i18n/localize.ts';

const PHASE_TEXT = {
  place: 'fingerPlace',
  capturing: 'fingerCapturing',
  lift: 'fingerLift',
  retry: 'fingerRetry',
  matched: 'fingerMatched',
  mismatch: 'fingerMismatch',
} as const;

export function FingerprintScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'fingerprint'> }) {
  return (
    <section className={`screen screen-fingerprint phase-${view.phase}`} data-phase={view.phase}>
      <HolderCard ctx={ctx} holder={view.holder} compact />
      <h1 className="screen-title" aria-live="polite">
        {text(ctx, PHASE_TEXT[view.phase])}
      </h1>
      <FingerAnimation phase={view.phase} />
      <p className="screen-meta">
        <span className="attempt" data-testid="finger-attempt">
          {text(ctx, 'fingerAttempt', { n: view.attempt, m: view.maxAttempts })}
        </span>
        {view.requirement === 'optional' ? <span className="badge">{text(ctx, 'fingerOptional')}</span> : null}
      </p>
      {view.hint ? (
        <p className="notice" role="alert">
          {localized(view.hint, ctx.language)}
        </p>
      ) : null}
      <div className="screen-actions">
        <ActionButton ctx={ctx} intent={{ type: 'flow.retry' }} variant="primary">
          {text(ctx, 'retry')}
        </ActionButton>
        <ActionButton ctx={ctx} intent={{ type: 'flow.skipFingerprint' }}>
          {text(ctx, 'skipFingerprint')}
        </ActionButton>
      </div>
    </section>
  );
}
