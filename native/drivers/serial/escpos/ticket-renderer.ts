// A queue ticket laid out for a thermal printer at 203 dpi (8 dots/mm): the title in bold, a rule, the
// queue number as large as fits, the body lines, then the printer's own QR code, then the footer. Text
// is rendered to 1-bit images here (Vietnamese is in no ESC/POS code page); the QR is left to the
// printer (GS ( k), which draws it sharper than a raster and in fewer bytes.

import type { Ticket } from '../../../hal/printer.ts';
import { MonoBitmap, stack } from './mono-bitmap.ts';
import type { FontWeight, TextRasterizer } from './text-rasterizer.ts';

export interface TicketLayoutOptions {
  /** 384 (58 mm) or 576 (80 mm). */
  readonly widthDots: number;
}

export interface RenderedTicket {
  /** Title, queue number and body lines. */
  readonly header: MonoBitmap;
  readonly qrPayload: string | undefined;
  readonly footer: MonoBitmap | undefined;
}

/** Sizes in dots for a 576-dot head; scaled for 384. About 3.5 mm body text, a 15 mm queue number. */
const SIZES = { title: 34, number: 120, body: 28, footer: 22, margin: 8, gap: 10 } as const;

export function renderTicket(ticket: Ticket, text: TextRasterizer, options: TicketLayoutOptions): RenderedTicket {
  const width = options.widthDots;
  const k = width / 576;
  // Text shrinks less than the paper: on 58 mm paper body text stays above 2.7 mm.
  const size = (n: number) => Math.max(8, Math.round(n * Math.max(k, 0.8)));
  const margin = Math.round(SIZES.margin * k);
  const gap = Math.round(SIZES.gap * k);
  const inner = width - 2 * margin;

  const parts: MonoBitmap[] = [spacer(width, margin)];
  if (ticket.title.trim() !== '') {
    for (const line of text.wrap(ticket.title, size(SIZES.title), 'bold', inner)) parts.push(place(width, text.render(line, size(SIZES.title), 'bold'), 'center'));
    parts.push(spacer(width, gap), rule(width, margin, 3), spacer(width, gap));
  }
  parts.push(place(width, fitted(text, ticket.queueNumber, size(SIZES.number), inner), 'center'), spacer(width, gap));
  for (const body of ticket.lines) {
    for (const line of text.wrap(body, size(SIZES.body), 'regular', inner)) parts.push(place(width, text.render(line, size(SIZES.body), 'regular'), 'left', margin));
  }
  parts.push(spacer(width, gap));

  let footer: MonoBitmap | undefined;
  if (ticket.footer !== undefined && ticket.footer.trim() !== '') {
    const lines = text.wrap(ticket.footer, size(SIZES.footer), 'regular', inner).map((l) => place(width, text.render(l, size(SIZES.footer), 'regular'), 'center'));
    footer = stack(width, [spacer(width, gap), ...lines, spacer(width, gap)]);
  }
  return Object.freeze({ header: stack(width, parts), qrPayload: ticket.qrPayload, footer });
}

/** The queue number at the largest size up to `size` that fits the width on one line. */
function fitted(text: TextRasterizer, value: string, size: number, maxWidth: number, weight: FontWeight = 'bold'): MonoBitmap {
  let s = size;
  while (s > 16 && text.measure(value, s, weight) > maxWidth) s = Math.floor(s * 0.9);
  return text.render(value, s, weight);
}

function place(width: number, line: MonoBitmap, align: 'left' | 'center', margin = 0): MonoBitmap {
  const out = new MonoBitmap(width, line.height);
  const x = align === 'center' ? Math.max(0, Math.floor((width - line.width) / 2)) : margin;
  out.draw(line, x, 0);
  return out;
}

function spacer(width: number, height: number): MonoBitmap {
  return new MonoBitmap(width, Math.max(0, height));
}

function rule(width: number, margin: number, thickness: number): MonoBitmap {
  const out = new MonoBitmap(width, thickness);
  out.fillRect(margin, 0, width - 2 * margin, thickness);
  return out;
}
