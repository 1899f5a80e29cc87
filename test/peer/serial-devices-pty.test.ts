// The serial device contracts over real serial ports: the driver opens one end of a socat PTY pair with
// the serialport module, the byte-level simulator the other (Debian package socat; the tests start and
// stop it). The same suites run over in-process links in test/integration/serial-devices-sim.test.ts.

import { ModbusGate } from '../../native/drivers/serial/modbus/modbus-gate.ts';
import { EscPosPrinter } from '../../native/drivers/serial/escpos/escpos-printer.ts';
import { SerialDocumentScanner } from '../../native/drivers/serial/scanner/serial-document-scanner.ts';
import { serialPortOpener } from '../../native/drivers/serial/serial-port-link.ts';
import { DocumentScannerSim } from '../../native/sim/serial/document-scanner-sim.ts';
import { EscPosPrinterSim } from '../../native/sim/serial/escpos-printer-sim.ts';
import { ModbusGateSim } from '../../native/sim/serial/modbus-gate-sim.ts';
import { attachToSerialPath, type SerialSimulator } from '../../native/sim/serial/sim-serial-port.ts';
import { documentScannerContract } from '../contract/document-scanner.contract.ts';
import { gateContract } from '../contract/gate.contract.ts';
import { printerContract } from '../contract/printer.contract.ts';
import { openPtyPair } from '../helpers/socat.ts';

/** A PTY pair with `sim` served on its sim end; the driver gets an opener for the device end. */
async function ptyWith(sim: SerialSimulator, baudRate: number) {
  const pair = await openPtyPair();
  const served = await attachToSerialPath(sim, { path: pair.simPath, baudRate });
  return {
    opener: serialPortOpener({ path: pair.devicePath, baudRate }),
    close: async () => {
      await served.close();
      await pair.close();
    },
  };
}

documentScannerContract('socat PTY', async () => {
  const sim = new DocumentScannerSim({ qrPrefix: ']Q1' });
  const pty = await ptyWith(sim, 9600);
  const scanner = new SerialDocumentScanner({ id: 'scanner', opener: pty.opener, interLineTimeoutMs: 400 });
  return { scanner, sim, interLineTimeoutMs: 400, close: async () => (scanner.dispose(), await pty.close()) };
});

printerContract('socat PTY', async () => {
  const sim = new EscPosPrinterSim();
  const pty = await ptyWith(sim, 115200);
  const printer = new EscPosPrinter({ id: 'printer', opener: pty.opener, statusTimeoutMs: 500, printTimeoutMs: 1500, retryIntervalMs: 100, statusPollMs: 0 });
  return { printer, sim, close: async () => (printer.dispose(), await pty.close()) };
});

gateContract('socat PTY', async () => {
  const sim = new ModbusGateSim({ slaveAddress: 3, closeDelayMs: 1000 });
  const pty = await ptyWith(sim, 19200);
  const gate = new ModbusGate({ id: 'gate', opener: pty.opener, slaveAddress: 3, pulseMs: 50, responseTimeoutMs: 300, retries: 1 });
  return { gate, sim, close: async () => (gate.dispose(), sim.dispose(), await pty.close()) };
});
