// The person as read from their document: photo and name, so they can confirm it is them. PERSONAL:
// rendered only, never logged or stored; it disappears with the snapshot that carried it.

import type { HolderView } from '../../../electron/contract/index.ts';
import { text, type ScreenContext } from './screen-context.ts';

const DOCUMENT_TEXT = { CCCD: 'docCccd', PASSPORT: 'docPassport', OTHER: 'docOther' } as const;

export function HolderCard({ ctx, holder, compact = false }: { readonly ctx: ScreenContext; readonly holder: HolderView; readonly compact?: boolean }) {
  return (
    <section className={`holder-card${compact ? ' holder-card-compact' : ''}`} data-testid="holder">
      {holder.photo ? (
        <img className="holder-photo" data-testid="holder-photo" src={holder.photo} alt={text(ctx, 'photoAlt')} />
      ) : (
        <div className="holder-photo holder-photo-empty" aria-hidden="true">
          <svg viewBox="0 0 64 80">
            <circle cx="32" cy="28" r="14" />
            <path d="M6 78c2-18 13-28 26-28s24 10 26 28z" />
          </svg>
        </div>
      )}
      <div className="holder-text">
        <p className="holder-document">{text(ctx, DOCUMENT_TEXT[holder.documentKind])}</p>
        <p className="holder-name" data-testid="holder-name">
          {holder.fullName}
        </p>
        {holder.documentNumberTail ? <p className="holder-tail">{text(ctx, 'documentTail', { tail: holder.documentNumberTail })}</p> : null}
      </div>
    </section>
  );
}
