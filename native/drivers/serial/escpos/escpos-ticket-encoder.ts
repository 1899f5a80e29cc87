// A rendered ticket as one ESC/POS job: initialise, the header raster, the QR code centred, the footer
// raster, feed past the tear bar and cut.

import { concatAll, feedAndCut, feedLines, initialize, justify, qrCode, rasterImage, type QrErrorCorrection } from './escpos-commands.ts';
import type { RenderedTicket } from './ticket-renderer.ts';

export interface TicketEncodingOptions {
  readonly qrModuleSize: number;
  readonly qrErrorCorrection: QrErrorCorrection;
  readonly rasterBandRows: number;
}

const utf8 = new TextEncoder();

export function encodeTicketJob(ticket: RenderedTicket, options: TicketEncodingOptions): Uint8Array {
  const parts: Uint8Array[] = [initialize(), justify('left'), rasterImage(ticket.header, options.rasterBandRows)];
  if (ticket.qrPayload !== undefined) {
    parts.push(justify('center'), qrCode(utf8.encode(ticket.qrPayload), options.qrModuleSize, options.qrErrorCorrection), feedLines(1), justify('left'));
  }
  if (ticket.footer) parts.push(rasterImage(ticket.footer, options.rasterBandRows));
  parts.push(feedLines(4), feedAndCut(0));
  return concatAll(parts);
}
