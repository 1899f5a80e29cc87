// When the check-in cannot go on: the error (what happened, where to go, try again when offered), and
// the kiosk out of service while a device it needs is not ready.

import type { ScreenOf } from '../../../electron/contract/index.ts';
import { ActionButton } from '../components/action-button.tsx';
import { text, type ScreenContext } from '../components/screen-context.ts';
import { localized } from '../i18n/localize.ts';

const OUTCOME_TEXT = { retry: 'outcomeRetry', desk: 'outcomeDesk', booth: 'outcomeBooth' } as const;

export function ErrorScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'error'> }) {
  return (
    <section className={`screen screen-error outcome-${view.outcome}`} data-code={view.code} data-outcome={view.outcome}>
      <span className="big-icon big-icon-warning" aria-hidden="true">
        !
      </span>
      <h1 className="screen-title">{text(ctx, 'errorTitle')}</h1>
      <p className="screen-lead" role="alert">
        {localized(view.message, ctx.language)}
      </p>
      <p className="screen-hint">{text(ctx, OUTCOME_TEXT[view.outcome])}</p>
      <div className="screen-actions">
        <ActionButton ctx={ctx} intent={{ type: 'flow.retry' }} variant="primary" className="btn-wide">
          {text(ctx, 'retry')}
        </ActionButton>
        <ActionButton ctx={ctx} intent={{ type: 'flow.useQr' }}>
          {text(ctx, 'useQr')}
        </ActionButton>
      </div>
      <p className="code-note">
        <code>{view.code}</code>
      </p>
    </section>
  );
}

export function OutOfServiceScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'outOfService'> }) {
  return (
    <section className="screen screen-out-of-service" data-reason={view.reason}>
      <span className="big-icon big-icon-stop" aria-hidden="true">
        ⏸
      </span>
      <h1 className="screen-title">{text(ctx, 'outOfServiceTitle')}</h1>
      <p className="screen-lead" role="status">
        {localized(view.message, ctx.language)}
      </p>
      <p className="code-note">
        <code>{view.reason}</code>
      </p>
    </section>
  );
}
