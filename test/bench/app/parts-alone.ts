// The device steps of a hospital check-in measured alone, outside the kiosk, on the same simulators at
// the same speeds as realistic-devices.override.yaml: the reference the app-checkin section
// divides the kiosk's own figures by.
//
// - card: readDocument on a SimCardReader with 15 ms per APDU exchange and the CCCD profile's chip,
//   unlocked with the keys of the demo's front QR (the same candidates in the same order as the kiosk
//   tries them); time to the `holder` event (name data read) and to the verified result.
// - fingerprint: one capture on the simulated R30x module over a full-speed HID bus (1 ms a report),
//   the finger placed as the capture starts (as the demo panel places it once the screen asks).
// - ticket: print() of the ticket the demo kiosk prints (hospitalTicket: the demo's site and first
//   department, no footer) through the ESC/POS simulator at 115200 baud, 576 dots, render included.

import { parseCccdQr } from '../../../native/card/cccd/cccd-qr.ts';
import { cccdAccessKeys } from '../../../native/card/cccd/cccd-access.ts';
import { TrustStore } from '../../../native/card/pa/trust-store.ts';
import { readDocument } from '../../../native/card/reader/document-reader.ts';
import { EscPosPrinter } from '../../../native/drivers/serial/escpos/escpos-printer.ts';
import { createSimFingerprintScanner } from '../../../native/sim/fingerprint/create-sim-fingerprint-scanner.ts';
import { loadTestPki } from '../../../native/sim/pki/test-pki.ts';
import { createChip } from '../../../native/sim/profiles/index.ts';
import { EscPosPrinterSim } from '../../../native/sim/serial/escpos-printer-sim.ts';
import { SimSerialPort } from '../../../native/sim/serial/sim-serial-port.ts';
import { SimCardReader } from '../../../native/sim/sim-card-reader.ts';
import { profileQrText } from '../../../electron/core/app/demo-controls.ts';
import { hospitalTicket } from '../../../electron/core/flows/hospital/hospital-ticket.ts';
import { median } from '../text-table.ts';

/** The speeds of realistic-devices.override.yaml. */
export const REALISTIC = Object.freeze({ apduLatencyMs: 15, hidReportIntervalMs: 1, printerBaud: 115_200, printerWidthDots: 576 as const });

export interface PartsAlone {
  /** Card on the reader to the holder's name data read (median ms). */
  readonly cardToHolderMs: number;
  /** Card on the reader to the verified read (PA, AA, CA), including the face. */
  readonly cardReadMs: number;
  readonly apdus: number;
  readonly fingerprintMs: number;
  readonly ticketMs: number;
  readonly ticketBytes: number;
}

async function cardRead(runs: number): Promise<{ holderMs: number; totalMs: number; apdus: number }> {
  const pki = loadTestPki();
  const trustStore = TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl, pki.crlRsa]);
  const keys = cccdAccessKeys(parseCccdQr(profileQrText()));
  const reader = new SimCardReader('bench reader', { latencyMs: REALISTIC.apduLatencyMs });
  const holder: number[] = [];
  const total: number[] = [];
  let apdus = 0;
  try {
    for (let i = 0; i < runs; i++) {
      reader.insertCard(createChip('cccd'));
      const started = performance.now();
      let holderAt = Number.NaN;
      const result = await readDocument(reader, {
        keys,
        trustStore,
        onEvent: (event) => {
          if (event.type === 'holder' && Number.isNaN(holderAt)) holderAt = performance.now();
        },
      });
      total.push(performance.now() - started);
      holder.push(holderAt - started);
      apdus = result.apdu.count;
      if (!result.verification.trusted) throw new Error('the reference card read is not trusted');
      reader.removeCard();
    }
  } finally {
    reader.dispose();
  }
  return { holderMs: median(holder), totalMs: median(total), apdus };
}

async function fingerprintCapture(runs: number): Promise<number> {
  const { scanner, device } = createSimFingerprintScanner({ hid: { reportIntervalMs: REALISTIC.hidReportIntervalMs } });
  const times: number[] = [];
  try {
    await scanner.open();
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const capture = scanner.capture({ timeoutMs: 30_000 });
      device.placeFinger('good');
      await capture;
      times.push(performance.now() - started);
      device.liftFinger();
    }
  } finally {
    scanner.dispose();
  }
  return median(times);
}

/** What the demo kiosk prints for a check-in at its first department (config/kiosk/demo.yaml). */
const DEMO_TICKET = hospitalTicket({
  siteName: 'Demo kiosk',
  queueNumber: 'K001',
  department: { id: 'kham-noi', name: { vi: 'Khám Nội', en: 'Internal medicine' } },
  language: 'vi',
  now: new Date(),
  idempotencyKey: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
});

async function ticketPrint(runs: number): Promise<{ ms: number; bytes: number }> {
  const widthDots = REALISTIC.printerWidthDots;
  const sim = new EscPosPrinterSim({ widthDots });
  const port = new SimSerialPort(sim, 'bench-printer', { bytesPerSecond: REALISTIC.printerBaud / 10 });
  const printer = new EscPosPrinter({ id: 'printer', opener: port.opener, widthDots, statusPollMs: 0, printTimeoutMs: 60_000 });
  const times: number[] = [];
  let bytes = 0;
  try {
    await printer.open();
    await printer.print(DEMO_TICKET);
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const result = await printer.print(DEMO_TICKET);
      times.push(performance.now() - started);
      bytes = result.bytes;
    }
    if (sim.tickets.length !== runs + 1) throw new Error(`the printer simulator cut ${sim.tickets.length} tickets for ${runs + 1} prints`);
  } finally {
    printer.dispose();
    port.dispose();
  }
  return { ms: median(times), bytes };
}

/** Measures each part `runs` times (the ticket at most 3), after one unmeasured run of each, and returns the medians. */
export async function measurePartsAlone(runs: number): Promise<PartsAlone> {
  await cardRead(1);
  const card = await cardRead(runs);
  await fingerprintCapture(1);
  const fingerprintMs = await fingerprintCapture(runs);
  const ticket = await ticketPrint(Math.max(1, Math.min(runs, 3)));
  return Object.freeze({ cardToHolderMs: card.holderMs, cardReadMs: card.totalMs, apdus: card.apdus, fingerprintMs, ticketMs: ticket.ms, ticketBytes: ticket.bytes });
}
