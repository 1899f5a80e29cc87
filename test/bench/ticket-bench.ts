// `npm run bench -- ticket`: what printing a queue ticket costs. Render (Vietnamese text to a 1-bit
// raster) and encode (ESC/POS job) on the host, bytes on the wire, and the time from print() to the
// cut ticket through the ESC/POS simulator over an in-process link paced at a serial rate (115200 and
// 38400 baud, 8N1: 10 bits per byte). The font is parsed once before measuring (the driver does that
// at open()).

import { EscPosPrinter } from '../../native/drivers/serial/escpos/escpos-printer.ts';
import { encodeTicketJob } from '../../native/drivers/serial/escpos/escpos-ticket-encoder.ts';
import { TextRasterizer } from '../../native/drivers/serial/escpos/text-rasterizer.ts';
import { renderTicket } from '../../native/drivers/serial/escpos/ticket-renderer.ts';
import { EscPosPrinterSim } from '../../native/sim/serial/escpos-printer-sim.ts';
import { SimSerialPort } from '../../native/sim/serial/sim-serial-port.ts';
import { SAMPLE_TICKET } from '../helpers/serial-fixtures.ts';
import type { BenchGoal, BenchOptions, BenchSection } from './bench-section.ts';
import { formatTable, median } from './text-table.ts';

const ENCODING = { qrModuleSize: 6, qrErrorCorrection: 'M', rasterBandRows: 256 } as const;
const RENDER_GOAL_MS = 250;
const PRINT_GOAL_MS = 5000;

async function measure<T>(runs: number, warmUp: number, fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  let value!: T;
  for (let i = 0; i < warmUp; i += 1) value = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    value = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), value };
}

async function printOnce(widthDots: 384 | 576, baud: number): Promise<{ ms: number; bytes: number }> {
  const sim = new EscPosPrinterSim({ widthDots });
  const port = new SimSerialPort(sim, 'bench-printer', { bytesPerSecond: baud / 10 });
  const printer = new EscPosPrinter({ id: 'printer', opener: port.opener, widthDots, statusPollMs: 0, printTimeoutMs: 60000 });
  try {
    await printer.open();
    const t0 = performance.now();
    const result = await printer.print(SAMPLE_TICKET);
    const ms = performance.now() - t0;
    if (sim.tickets.length !== 1) throw new Error('the simulator did not cut exactly one ticket');
    return { ms, bytes: result.bytes };
  } finally {
    printer.dispose();
    port.dispose();
  }
}

export const ticketBench: BenchSection = {
  name: 'ticket',
  title: 'queue ticket: render Vietnamese text to raster, ESC/POS bytes, print through the simulator at serial rates',
  async run(options: BenchOptions): Promise<readonly BenchGoal[]> {
    const text = TextRasterizer.bundled();
    const rows: string[][] = [];
    const goals: BenchGoal[] = [];
    for (const widthDots of [576, 384] as const) {
      const render = await measure(options.runs, options.warmUp, () => encodeTicketJob(renderTicket(SAMPLE_TICKET, text, { widthDots }), ENCODING));
      const rendered = renderTicket(SAMPLE_TICKET, text, { widthDots });
      const rasterBytes = rendered.header.data.length + (rendered.footer?.data.length ?? 0);
      const printRuns = Math.max(1, Math.min(3, options.runs));
      for (const baud of [115200, 38400]) {
        const prints: number[] = [];
        let bytes = 0;
        for (let i = 0; i < printRuns; i += 1) {
          const p = await printOnce(widthDots, baud);
          prints.push(p.ms);
          bytes = p.bytes;
        }
        const printMs = median(prints);
        rows.push([`${widthDots}`, `${baud}`, render.ms.toFixed(1), `${bytes}`, `${rasterBytes}`, `${rendered.header.height + (rendered.footer?.height ?? 0)}`, printMs.toFixed(0), ((bytes * 10 * 1000) / baud).toFixed(0)]);
        if (baud === 115200) {
          goals.push({
            goal: `${widthDots}-dot ticket printed within ${PRINT_GOAL_MS} ms of print() at 115200 baud`,
            met: printMs < PRINT_GOAL_MS,
            detail: `${printMs.toFixed(0)} ms for ${bytes} bytes (wire time alone ${((bytes * 10 * 1000) / baud).toFixed(0)} ms)`,
          });
        }
      }
      goals.push({
        goal: `${widthDots}-dot ticket rendered and encoded in under ${RENDER_GOAL_MS} ms (host CPU)`,
        met: render.ms < RENDER_GOAL_MS,
        detail: `median ${render.ms.toFixed(1)} ms over ${options.runs} runs`,
      });
    }
    options.log(
      formatTable(
        [
          { header: 'width dots' },
          { header: 'baud' },
          { header: 'render+encode ms' },
          { header: 'job bytes' },
          { header: 'raster bytes' },
          { header: 'raster rows' },
          { header: 'print() to cut ms' },
          { header: 'wire-time ms' },
        ],
        rows,
      ),
    );
    return goals;
  },
};
