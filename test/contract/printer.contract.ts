// The Printer contract (native/hal/printer.ts), written once and run against EscPosPrinter over each
// path to the ESC/POS printer simulator: an in-process link (test/integration) and a socat PTY pair
// (test/peer). The simulator is reset to a ready printer before each test.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PrintJobEvent, Printer } from '../../native/hal/printer.ts';
import { PrinterError } from '../../native/hal/printer.ts';
import type { EscPosPrinterSim } from '../../native/sim/serial/escpos-printer-sim.ts';
import { SAMPLE_TICKET, until } from '../helpers/serial-fixtures.ts';

export interface PrinterHarness {
  /** Built with a short retry interval (at most 200 ms), a print timeout of at most 1.5 s and no idle polling. */
  readonly printer: Printer;
  readonly sim: EscPosPrinterSim;
  close(): Promise<void>;
}

export function printerContract(name: string, harness: () => Promise<PrinterHarness>): void {
  describe(`Printer contract (${name})`, () => {
    let h: PrinterHarness;
    const jobs: PrintJobEvent[] = [];

    beforeAll(async () => {
      h = await harness();
      h.printer.onDidChangeJob((e) => jobs.push(e));
      await h.printer.open();
    });
    afterAll(() => h.close());
    beforeEach(async () => {
      for (const set of [h.sim.setPaperOut, h.sim.setCoverOpen, h.sim.setOffline, h.sim.setSilent]) set.call(h.sim, false);
      await until(() => h.printer.pendingJobs === 0, 'the queue of the previous test to drain');
      jobs.length = 0;
    });

    it('is ready once open with paper and the cover closed', async () => {
      expect(h.printer.health.state).toBe('ready');
      const status = await h.printer.queryStatus();
      expect(status).toEqual({ online: true, paperOut: false, paperNearEnd: false, coverOpen: false, error: false });
    });

    it('prints a Vietnamese ticket with its QR code and cuts it', async () => {
      const before = h.sim.tickets.length;
      const result = await h.printer.print(SAMPLE_TICKET);
      expect(result.attempts).toBe(1);
      expect(h.sim.tickets.length).toBe(before + 1);
      const ticket = h.sim.tickets.at(-1)!;
      expect(ticket.qrPayloads).toEqual([SAMPLE_TICKET.qrPayload]);
      expect(ticket.bitmap.countBlack()).toBeGreaterThan(10_000);
      expect(jobs.map((j) => j.kind)).toEqual(['queued', 'printed']);
    });

    it('reports paper out as faulted health with reason PAPER_OUT', async () => {
      h.sim.setPaperOut(true);
      await h.printer.queryStatus();
      expect(h.printer.health).toMatchObject({ state: 'faulted', reason: 'PAPER_OUT' });
    });

    it('keeps a ticket that cannot print for lack of paper and prints it once paper is loaded', async () => {
      h.sim.setPaperOut(true);
      const before = h.sim.tickets.length;
      const error = await h.printer.print(SAMPLE_TICKET).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrinterError);
      expect(error).toMatchObject({ code: 'PAPER_OUT', queued: true });
      expect((error as PrinterError).userMessage.vi).toMatch(/hết giấy/);
      expect(h.printer.pendingJobs).toBe(1);
      h.sim.setPaperOut(false);
      await until(() => h.printer.pendingJobs === 0, 'the kept ticket to print');
      expect(h.sim.tickets.length).toBe(before + 1);
      expect(jobs.map((j) => j.kind)).toEqual(['queued', 'deferred', 'printed']);
    });

    it('refuses to print with the cover open (COVER_OPEN) and prints after it is closed', async () => {
      h.sim.setCoverOpen(true);
      const error = await h.printer.print(SAMPLE_TICKET).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'COVER_OPEN', queued: true });
      expect(h.printer.health).toMatchObject({ state: 'faulted', reason: 'COVER_OPEN' });
      h.sim.setCoverOpen(false);
      await until(() => h.printer.pendingJobs === 0, 'the kept ticket to print');
      expect(h.printer.health.state).toBe('ready');
    });

    it('prints a ticket torn by the paper running out again in full after the roll is changed', async () => {
      const before = h.sim.tickets.length;
      const torn = h.sim.counts.tornTickets;
      h.sim.runOutOfPaperAfter(200);
      const error = await h.printer.print(SAMPLE_TICKET).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'PAPER_OUT', queued: true });
      expect(h.sim.counts.tornTickets).toBe(torn + 1);
      h.sim.setPaperOut(false);
      await until(() => h.printer.pendingJobs === 0, 'the torn ticket to be printed again');
      expect(h.sim.tickets.length).toBe(before + 1);
      expect(h.sim.tickets.at(-1)!.qrPayloads).toEqual([SAMPLE_TICKET.qrPayload]);
    });

    it('reports a printer that does not answer as PRINTER_NOT_RESPONDING', async () => {
      h.sim.setSilent(true);
      const error = await h.printer.queryStatus().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'PRINTER_NOT_RESPONDING' });
      expect(h.printer.health).toMatchObject({ state: 'faulted', reason: 'PRINTER_NOT_RESPONDING' });
      h.sim.setSilent(false);
      await h.printer.queryStatus();
      expect(h.printer.health.state).toBe('ready');
    });

    it('refuses a ticket outside the model bounds without queueing it', async () => {
      const error = await h.printer.print({ ...SAMPLE_TICKET, queueNumber: '' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_TICKET', queued: false });
      expect((error as Error).message).toMatch(/queueNumber/);
      expect(h.printer.pendingJobs).toBe(0);
    });

    it('passes its self-test: status, then a test ticket', async () => {
      const before = h.sim.tickets.length;
      const result = await h.printer.selfTest();
      expect(result.ok).toBe(true);
      expect(result.steps.map((s) => s.name)).toEqual(['port open', 'status', 'test ticket']);
      expect(h.sim.tickets.length).toBe(before + 1);
    });

    it('fails its self-test with the person-facing message when out of paper', async () => {
      h.sim.setPaperOut(true);
      const result = await h.printer.selfTest();
      expect(result.ok).toBe(false);
      expect(result.steps.at(-1)).toMatchObject({ name: 'test ticket', ok: false });
      expect(result.userMessage?.en).toMatch(/out of paper/);
      h.sim.setPaperOut(false);
    });
  });
}
