// Prints the sample Vietnamese ticket through the real driver into the simulator and saves the PNGs in
// test-results/serial/ for a person to look at; the QR code on them is decoded back from the pixels.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import decodeQR from '@paulmillr/qr/decode.js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../../../../native/drivers/serial/escpos/escpos-printer.ts';
import { EscPosPrinterSim } from '../../../../../native/sim/serial/escpos-printer-sim.ts';
import { SimSerialPort } from '../../../../../native/sim/serial/sim-serial-port.ts';
import { SAMPLE_TICKET } from '../../../../helpers/serial-fixtures.ts';

const ARTIFACTS = join(process.cwd(), 'test-results', 'serial');

async function printSample(widthDots: 384 | 576) {
  const sim = new EscPosPrinterSim({ widthDots });
  const port = new SimSerialPort(sim, `printer-${widthDots}`);
  const printer = new EscPosPrinter({ id: 'printer', opener: port.opener, widthDots, statusPollMs: 0 });
  await printer.open();
  await printer.print(SAMPLE_TICKET);
  printer.dispose();
  port.dispose();
  return sim.tickets[0]!;
}

describe('EscPosPrinterSim', () => {
  for (const width of [576, 384] as const) {
    it(`renders a ${width}-dot ticket to a PNG whose QR code decodes to the payload`, async () => {
      const ticket = await printSample(width);
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `ticket-vi-${width}.png`), ticket.png);
      const png = PNG.sync.read(Buffer.from(ticket.png));
      expect(png.width).toBe(width + 32);
      expect(decodeQR({ width: png.width, height: png.height, data: png.data })).toBe(SAMPLE_TICKET.qrPayload);
      expect(ticket.qrPayloads).toEqual([SAMPLE_TICKET.qrPayload]);
    });
  }

  it('keeps only the latest tickets, so a long-running demo does not grow without bound', async () => {
    const sim = new EscPosPrinterSim({ widthDots: 384, keepTickets: 2 });
    const port = new SimSerialPort(sim, 'printer-keep');
    const printer = new EscPosPrinter({ id: 'printer', opener: port.opener, widthDots: 384, statusPollMs: 0 });
    await printer.open();
    for (let i = 0; i < 3; i++) await printer.print(SAMPLE_TICKET);
    printer.dispose();
    port.dispose();
    expect(sim.ticketsCut).toBe(3);
    expect(sim.tickets.map((t) => t.index)).toEqual([2, 3]);
  });
});
