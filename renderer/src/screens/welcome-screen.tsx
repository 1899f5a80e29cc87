// The first screen: the service's title, one big "touch to start", and the ways to identify oneself
// (chip card, or the QR code of the CCCD where the kiosk allows it) as big buttons.

import type { ScreenOf } from '../../../electron/contract/index.ts';
import { ActionButton } from '../components/action-button.tsx';
import { CardIllustration } from '../components/card-illustration.tsx';
import { text, type ScreenContext } from '../components/screen-context.ts';
import { localized } from '../i18n/localize.ts';

export function WelcomeScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'welcome'> }) {
  const offersMethods = view.methods.some((m) => ctx.actions.has(m === 'chip' ? 'flow.presentCard' : 'flow.useQr'));
  return (
    <section className="screen screen-welcome">
      <h1 className="screen-title">{localized(view.title, ctx.language)}</h1>
      <CardIllustration kind="chip" />
      <ActionButton ctx={ctx} intent={{ type: 'flow.start' }} variant="primary" className="btn-hero">
        {text(ctx, 'start')}
      </ActionButton>
      {offersMethods ? (
        <div className="method-grid">
          {view.methods.includes('chip') ? (
            <ActionButton ctx={ctx} intent={{ type: 'flow.presentCard' }} className="btn-method">
              <span className="btn-method-icon" aria-hidden="true">▭</span>
              <span className="btn-method-title">{text(ctx, 'presentCard')}</span>
              <span className="btn-method-hint">{text(ctx, 'methodChipHint')}</span>
            </ActionButton>
          ) : null}
          {view.methods.includes('qr') ? (
            <ActionButton ctx={ctx} intent={{ type: 'flow.useQr' }} className="btn-method">
              <span className="btn-method-icon" aria-hidden="true">▦</span>
              <span className="btn-method-title">{text(ctx, 'useQr')}</span>
              <span className="btn-method-hint">{text(ctx, 'methodQrHint')}</span>
            </ActionButton>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
