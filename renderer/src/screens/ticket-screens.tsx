// The ticket coming out of the printer, then the ending: printed or not (show the number at the desk),
// and whether the check-in waits to be sent because the central service was offline.

import type { ScreenOf } from '../../../electron/contract/index.ts';
import { text, type ScreenContext } from '../components/screen-context.ts';
import { TicketPreview } from '../components/ticket-preview.tsx';
import { localized } from '../i18n/localize.ts';

export function PrintingScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'printing'> }) {
  return (
    <section className="screen screen-printing">
      <h1 className="screen-title" aria-live="polite">
        {text(ctx, 'printingTitle')}
      </h1>
      <TicketPreview ctx={ctx} ticket={view.ticket} printing />
    </section>
  );
}

export function DoneScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'done'> }) {
  return (
    <section className={`screen screen-done${view.printed ? '' : ' not-printed'}`} data-printed={String(view.printed)} data-queued-offline={String(view.queuedOffline)}>
      <h1 className={`screen-title${view.printed ? ' screen-title-ok' : ' screen-title-warning'}`}>{localized(view.message, ctx.language)}</h1>
      <TicketPreview ctx={ctx} ticket={view.ticket} />
      <p className={view.printed ? 'screen-lead' : 'notice'} role={view.printed ? undefined : 'alert'}>
        {text(ctx, view.printed ? 'ticketPrinted' : 'ticketNotPrinted')}
      </p>
      {view.queuedOffline ? (
        <p className="screen-hint offline-note" data-testid="queued-offline">
          {text(ctx, 'queuedOffline')}
        </p>
      ) : null}
    </section>
  );
}
