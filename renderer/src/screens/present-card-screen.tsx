// Asking for the document: on the chip reader, or its QR code under the scanner; with the reason when the
// person is asked again (card removed, wrong card).

import type { ScreenOf } from '../../../electron/contract/index.ts';
import { ActionButton } from '../components/action-button.tsx';
import { CardIllustration } from '../components/card-illustration.tsx';
import { text, type ScreenContext } from '../components/screen-context.ts';
import { localized } from '../i18n/localize.ts';

const DOCUMENT_TEXT = { CCCD: 'docCccd', PASSPORT: 'docPassport', OTHER: 'docOther' } as const;

export function PresentCardScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'presentCard'> }) {
  const qr = view.method === 'qr';
  const passportFirst = !qr && view.documents[0] === 'PASSPORT';
  return (
    <section className="screen screen-present-card">
      <h1 className="screen-title">{text(ctx, qr ? 'presentQrTitle' : 'presentChipTitle')}</h1>
      {view.notice ? (
        <p className="notice" role="alert">
          {localized(view.notice, ctx.language)}
        </p>
      ) : null}
      <CardIllustration kind={qr ? 'qr' : passportFirst ? 'passport' : 'chip'} />
      <p className="screen-lead">{text(ctx, qr ? 'presentQrHint' : 'presentChipHint')}</p>
      {!qr && view.documents.includes('PASSPORT') ? <p className="screen-hint">{text(ctx, 'presentPassportHint')}</p> : null}
      <div className="document-list" aria-label={text(ctx, 'acceptedDocuments')}>
        {view.documents.map((d) => (
          <span key={d} className="document-chip">
            {text(ctx, DOCUMENT_TEXT[d])}
          </span>
        ))}
      </div>
      <div className="screen-actions">
        {/* In QR mode, flow.useQr goes on with the QR code once it has been scanned. */}
        <ActionButton ctx={ctx} intent={{ type: 'flow.useQr' }} variant={qr ? 'primary' : 'secondary'}>
          {text(ctx, qr ? 'continueWithQr' : 'useQr')}
        </ActionButton>
        {qr ? (
          <ActionButton ctx={ctx} intent={{ type: 'flow.presentCard' }}>
            {text(ctx, 'presentCard')}
          </ActionButton>
        ) : null}
      </div>
    </section>
  );
}
