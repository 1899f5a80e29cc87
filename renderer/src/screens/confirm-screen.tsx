// The summary before the check-in is saved: who, which department, how the fingerprint went.

import type { ScreenOf } from '../../../electron/contract/index.ts';
import { ActionButton } from '../components/action-button.tsx';
import { HolderCard } from '../components/holder-card.tsx';
import { text, type ScreenContext } from '../components/screen-context.ts';
import { localized } from '../i18n/localize.ts';

const FINGERPRINT_TEXT = { matched: 'fingerprintMatched', skipped: 'fingerprintSkipped', off: 'fingerprintOff' } as const;

export function ConfirmScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'confirm'> }) {
  return (
    <section className="screen screen-confirm">
      <h1 className="screen-title">{text(ctx, 'confirmTitle')}</h1>
      <HolderCard ctx={ctx} holder={view.holder} />
      <dl className="summary">
        <div className="summary-row">
          <dt>{text(ctx, 'confirmDepartment')}</dt>
          <dd data-testid="confirm-department">{localized(view.department.name, ctx.language)}</dd>
        </div>
        <div className="summary-row">
          <dt>{text(ctx, 'confirmFingerprint')}</dt>
          <dd className={`fingerprint-${view.fingerprint}`}>{text(ctx, FINGERPRINT_TEXT[view.fingerprint])}</dd>
        </div>
      </dl>
      <div className="screen-actions">
        <ActionButton ctx={ctx} intent={{ type: 'flow.confirm' }} variant="primary" className="btn-wide">
          {text(ctx, 'confirm')}
        </ActionButton>
      </div>
    </section>
  );
}
