// The DocumentScanner contract (native/hal/document-scanner.ts), written once and run against the
// driver over each path to the byte-level simulator: an in-process link (test/integration) and a real
// serial port on a socat PTY pair (test/peer).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chipProfiles } from '../../native/sim/profiles/index.ts';
import type { DocumentScanner, ScanEvent } from '../../native/hal/document-scanner.ts';
import type { DocumentScannerSim } from '../../native/sim/serial/document-scanner-sim.ts';
import { CCCD_MRZ_LINES, CCCD_QR_TEXT, PASSPORT_MRZ_LINES, next } from '../helpers/serial-fixtures.ts';

export interface DocumentScannerHarness {
  /** Built with an inter-line timeout of `interLineTimeoutMs` and a line bound of 2048 bytes. */
  readonly scanner: DocumentScanner;
  readonly sim: DocumentScannerSim;
  readonly interLineTimeoutMs: number;
  close(): Promise<void>;
}

export function documentScannerContract(name: string, harness: () => Promise<DocumentScannerHarness>): void {
  describe(`DocumentScanner contract (${name})`, () => {
    let h: DocumentScannerHarness;

    beforeAll(async () => {
      h = await harness();
      await h.scanner.open();
    });
    afterAll(() => h.close());

    const scan = async (act: () => Promise<void>): Promise<ScanEvent> => {
      const event = next(h.scanner.onDidScan, 'a scan event');
      await act();
      return event;
    };

    it('is ready once open', () => {
      expect(h.scanner.role).toBe('documentScanner');
      expect(h.scanner.health.state).toBe('ready');
    });

    it('turns the three TD1 lines of a CCCD into the chip MRZ key', async () => {
      const event = await scan(() => h.sim.scanMrz(CCCD_MRZ_LINES, { interLineDelayMs: 5 }));
      expect(event.kind).toBe('mrz');
      if (event.kind !== 'mrz') return;
      expect(event.info.format).toBe('TD1');
      expect(event.checksPass).toBe(true);
      expect(event.keys).toEqual([chipProfiles.cccd.mrzKey]);
    });

    it('turns the two TD3 lines of a passport into its MRZ key', async () => {
      const event = await scan(() => h.sim.scanMrz(PASSPORT_MRZ_LINES));
      expect(event.kind === 'mrz' && event.info.format).toBe('TD3');
      expect(event.kind === 'mrz' && event.keys).toEqual([chipProfiles['passport-td3'].mrzKey]);
    });

    it('turns a CCCD front QR into candidate keys that include the chip key and the CAN guess', async () => {
      const event = await scan(() => h.sim.scanQr(CCCD_QR_TEXT));
      expect(event.kind).toBe('cccd-qr');
      if (event.kind !== 'cccd-qr') return;
      expect(event.data.fullName).toBe('Nguyễn Văn Thử');
      expect(event.keys).toContainEqual(chipProfiles.cccd.mrzKey);
      expect(event.keys.at(-1)).toEqual(chipProfiles.cccd.canKey);
    });

    it('keeps a QR it does not interpret as unknown text', async () => {
      const event = await scan(() => h.sim.scanQr('https://benhvien.example/lich-hen/12345'));
      expect(event).toEqual({ kind: 'unknown', text: 'https://benhvien.example/lich-hen/12345' });
    });

    it('reports bytes that are not UTF-8 as an error and goes on reading', async () => {
      const error = await scan(() => h.sim.sendBytes(Uint8Array.of(0xc3, 0x28, 0xff, 0x0d, 0x0a)));
      expect(error.kind === 'error' && error.error.code).toBe('SCAN_NOT_TEXT');
      expect(error.kind === 'error' && error.error.userMessage.vi).toMatch(/đặt lại giấy tờ/);
      const after = await scan(() => h.sim.scanQr(CCCD_QR_TEXT));
      expect(after.kind).toBe('cccd-qr');
    });

    it('reports a line longer than its bound and drops it', async () => {
      const error = await scan(() => h.sim.sendLine('X'.repeat(5000)));
      expect(error.kind === 'error' && error.error.code).toBe('SCAN_LINE_TOO_LONG');
      const after = await scan(() => h.sim.scanMrz(PASSPORT_MRZ_LINES));
      expect(after.kind).toBe('mrz');
    });

    it('reports an MRZ whose last line never comes as incomplete, without personal data', async () => {
      const error = await scan(() => h.sim.scanMrz(CCCD_MRZ_LINES, { onlyLines: 2 }));
      expect(error.kind === 'error' && error.error.code).toBe('MRZ_INCOMPLETE');
      expect(error.kind === 'error' && error.error.message).not.toContain(chipProfiles.cccd.mrz.documentNumber);
    });

    it('reports a CCCD QR with a wrong date as an error naming the field', async () => {
      const error = await scan(() => h.sim.scanQr(CCCD_QR_TEXT.replace('15031999', '31021999')));
      expect(error.kind === 'error' && error.error.code).toBe('QR_INVALID');
      expect(error.kind === 'error' && error.error.message).toMatch(/dateOfBirth/);
    });

    it('passes its self-test with the port open', async () => {
      const result = await h.scanner.selfTest();
      expect(result.ok).toBe(true);
      expect(result.steps.map((s) => s.name)).toEqual(['port open']);
    });
  });
}
