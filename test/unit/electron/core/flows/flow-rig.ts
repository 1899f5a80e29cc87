// The devices and services a flow test drives, all real code over the simulators: a simulated chip in a
// SimCardReader read by the card stack, the serial document scanner, ESC/POS printer and Modbus gate
// drivers over their byte-level simulators, the R30x fingerprint driver over its packet-level simulator,
// the SQLite outbox in a temporary folder, and the central-service simulator on loopback. Machine timers
// run on an XState SimulatedClock, so a test moves time with `clock.increment` and devices keep real time.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedClock } from 'xstate';
import { encodeCccdQr } from '../../../../../native/card/cccd/cccd-qr.ts';
import { EscPosPrinter } from '../../../../../native/drivers/serial/escpos/escpos-printer.ts';
import { ModbusGate } from '../../../../../native/drivers/serial/modbus/modbus-gate.ts';
import { SerialDocumentScanner } from '../../../../../native/drivers/serial/scanner/serial-document-scanner.ts';
import type { FingerCondition } from '../../../../../native/sim/fingerprint/synthetic-fingerprint.ts';
import { createSimFingerprintScanner, type SimFingerprintScanner } from '../../../../../native/sim/fingerprint/create-sim-fingerprint-scanner.ts';
import type { VirtualCard } from '../../../../../native/sim/chip/virtual-card.ts';
import { DocumentScannerSim } from '../../../../../native/sim/serial/document-scanner-sim.ts';
import { EscPosPrinterSim } from '../../../../../native/sim/serial/escpos-printer-sim.ts';
import { ModbusGateSim } from '../../../../../native/sim/serial/modbus-gate-sim.ts';
import { SimSerialPort } from '../../../../../native/sim/serial/sim-serial-port.ts';
import { SimCardReader } from '../../../../../native/sim/sim-card-reader.ts';
import { CheckInStore } from '../../../../../electron/core/store/check-in-store.ts';
import { StaticKeyProvider } from '../../../../../electron/core/store/key-provider.ts';
import { DocumentReaderCardPort } from '../../../../../electron/core/flows/adapters/document-reader-card-port.ts';
import { ScannerFingerprintPort } from '../../../../../electron/core/flows/adapters/scanner-fingerprint-port.ts';
import type { FlowRunner } from '../../../../../electron/core/flows/flow-runner.ts';
import { statePath } from '../../../../../electron/core/flows/flow-view-parts.ts';
import { startCentral, testTrustStore, type CentralFixture } from '../../../../helpers/central-fixture.ts';
import { CCCD_MRZ_LINES, CCCD_QR_TEXT, PASSPORT_MRZ_LINES, sleep } from '../../../../helpers/serial-fixtures.ts';

export { CCCD_MRZ_LINES, CCCD_QR_TEXT, PASSPORT_MRZ_LINES };

/** The front QR of someone else (another ID and birth date): its keys do not open the profile's chip. */
export const OTHER_QR_TEXT = encodeCccdQr({
  idNumber: '079188054321',
  oldIdNumber: undefined,
  fullName: 'Trần Thị Khác',
  dateOfBirth: '1988-11-02',
  sexText: 'Nữ',
  address: 'Số 9 Đường Khác, Quận 1, TP Hồ Chí Minh',
  dateOfIssue: '2023-01-20',
});

/** Strings that identify the synthetic holders of the chip profiles (name, numbers). */
export const PERSONAL_STRINGS = ['NGUYỄN VĂN THỬ', 'Nguyễn Văn Thử', 'NGUYEN', 'VAN THU', '001099012345', '099012345'];

export class FlowRig {
  readonly clock = new SimulatedClock();
  readonly reader = new SimCardReader('Simulated Reader 00');
  readonly card: DocumentReaderCardPort;
  readonly scannerSim = new DocumentScannerSim();
  readonly scanner: SerialDocumentScanner;
  readonly printerSim = new EscPosPrinterSim();
  readonly printer: EscPosPrinter;
  readonly gateSim = new ModbusGateSim({ slaveAddress: 7, openCoil: 2, doorClosedInput: 1, closeDelayMs: 200 });
  readonly gate: ModbusGate;
  readonly finger: SimFingerprintScanner;
  readonly fingerprint: ScannerFingerprintPort;
  private readonly ports: SimSerialPort[];
  private readonly dir = mkdtempSync(join(tmpdir(), 'flow-test-'));
  store!: CheckInStore;
  central: CentralFixture | undefined;
  /** What the next finger placed on the scanner looks like; undefined: nobody puts a finger on it. */
  fingerCondition: FingerCondition | undefined = 'good';

  private constructor(options: { resumeWithinMs?: number }) {
    this.card = new DocumentReaderCardPort({ reader: this.reader, trustStore: testTrustStore(), resumeWithinMs: options.resumeWithinMs ?? 2_000 });
    const scannerPort = new SimSerialPort(this.scannerSim, 'sim-scanner');
    this.scanner = new SerialDocumentScanner({ id: 'scanner', opener: scannerPort.opener, interLineTimeoutMs: 400 });
    const printerPort = new SimSerialPort(this.printerSim, 'sim-printer');
    this.printer = new EscPosPrinter({ id: 'printer', opener: printerPort.opener, statusTimeoutMs: 500, printTimeoutMs: 1500, retryIntervalMs: 100, statusPollMs: 0 });
    const gatePort = new SimSerialPort(this.gateSim, 'sim-gate');
    this.gate = new ModbusGate({ id: 'gate', opener: gatePort.opener, slaveAddress: 7, openCoil: 2, doorClosedInput: 1, pulseMs: 50, responseTimeoutMs: 300, retries: 1 });
    this.ports = [scannerPort, printerPort, gatePort];
    this.finger = createSimFingerprintScanner();
    this.fingerprint = new ScannerFingerprintPort(this.finger.scanner);
    // A person who puts their finger down when asked and lifts it when told.
    this.finger.scanner.onDidRequestPlace(() => {
      if (this.fingerCondition) this.finger.device.placeFinger(this.fingerCondition);
    });
    this.finger.scanner.onDidRequestLift(() => this.finger.device.liftFinger());
  }

  static async start(options: { central?: boolean; resumeWithinMs?: number } = {}): Promise<FlowRig> {
    const rig = new FlowRig(options);
    await rig.scanner.open();
    await rig.printer.open();
    await rig.gate.open();
    rig.store = await CheckInStore.open({ path: join(rig.dir, 'kiosk.db'), keys: new StaticKeyProvider(randomBytes(32)) });
    if (options.central !== false) rig.central = await startCentral({ trustStore: testTrustStore() });
    return rig;
  }

  /** A client of the central simulator; after `goOffline` it points at a closed port. */
  verifier() {
    if (!this.central) throw new Error('the rig was started without the central simulator');
    return this.central.client({ timeoutMs: 2_000 });
  }

  async goOffline(): Promise<void> {
    await this.central?.close();
    this.central = undefined;
  }

  insert(card: VirtualCard): void {
    this.reader.insertCard(card);
  }

  async close(): Promise<void> {
    this.card.dispose();
    this.scanner.dispose();
    this.printer.dispose();
    this.gate.dispose();
    this.gateSim.dispose();
    this.finger.scanner.dispose();
    for (const p of this.ports) p.dispose();
    await this.store.close();
    await this.central?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Waits (in real time: devices work in real time) until the flow is in `state` or below it. */
export async function reach(runner: FlowRunner<never> | { readonly view: { readonly state: string } }, state: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const current = runner.view.state;
    if (current === state || current.startsWith(`${state}.`)) return;
    if (Date.now() - started > timeoutMs) throw new Error(`the flow stayed in ${current} instead of reaching ${state}`);
    await sleep(5);
  }
}

/** The machine state path of an XState snapshot value. */
export { statePath };

/** JSON of anything, with byte arrays as the text of their bytes (to search for personal strings). */
export function dump(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
}
