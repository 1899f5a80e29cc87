// The queue ticket as a paper receipt: title, the big queue number, its lines and the footer, the same
// lines the printer prints.

import type { TicketPreview as Ticket } from '../../../electron/contract/index.ts';
import { text, type ScreenContext } from './screen-context.ts';

export function TicketPreview({ ctx, ticket, printing = false }: { readonly ctx: ScreenContext; readonly ticket: Ticket; readonly printing?: boolean }) {
  return (
    <div className={`ticket-slot${printing ? ' ticket-printing' : ''}`}>
      <figure className="ticket" data-testid="ticket">
        {ticket.title ? <p className="ticket-title">{ticket.title}</p> : null}
        <p className="ticket-label">{text(ctx, 'yourNumber')}</p>
        <p className="ticket-number" data-testid="queue-number">
          {ticket.queueNumber}
        </p>
        {ticket.lines.length > 0 ? (
          <ul className="ticket-lines">
            {ticket.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        ) : null}
        {ticket.footer ? <figcaption className="ticket-footer">{ticket.footer}</figcaption> : null}
      </figure>
    </div>
  );
}
