// The serial device contracts over in-process links to the byte-level simulators (no serialport
// module, no PTY), and what only the in-process cable can show: unplug and replug without a restart.

import { describe, expect, it } from 'vitest';
import { ModbusGate } from '../../native/drivers/serial/modbus/modbus-gate.ts';
import { EscPosPrinter } from '../../native/drivers/serial/escpos/escpos-printer.ts';
import { SerialDocumentScanner } from '../../native/drivers/serial/scanner/serial-document-scanner.ts';
import { DeviceUnavailableError } from '../../native/hal/errors.ts';
import { DocumentScannerSim } from '../../native/sim/serial/document-scanner-sim.ts';
import { EscPosPrinterSim } from '../../native/sim/serial/escpos-printer-sim.ts';
import { ModbusGateSim } from '../../native/sim/serial/modbus-gate-sim.ts';
import { SimSerialPort } from '../../native/sim/serial/sim-serial-port.ts';
import { documentScannerContract } from '../contract/document-scanner.contract.ts';
import { gateContract } from '../contract/gate.contract.ts';
import { printerContract } from '../contract/printer.contract.ts';
import { CCCD_QR_TEXT, SAMPLE_TICKET, next, until } from '../helpers/serial-fixtures.ts';

function scannerOnSimPort() {
  const sim = new DocumentScannerSim();
  const port = new SimSerialPort(sim, 'sim-scanner');
  const scanner = new SerialDocumentScanner({ id: 'scanner', opener: port.opener, interLineTimeoutMs: 400 });
  return { sim, port, scanner };
}

function printerOnSimPort() {
  const sim = new EscPosPrinterSim();
  const port = new SimSerialPort(sim, 'sim-printer');
  const printer = new EscPosPrinter({ id: 'printer', opener: port.opener, statusTimeoutMs: 500, printTimeoutMs: 1500, retryIntervalMs: 100, statusPollMs: 0 });
  return { sim, port, printer };
}

function gateOnSimPort() {
  const sim = new ModbusGateSim({ slaveAddress: 7, openCoil: 2, doorClosedInput: 1, closeDelayMs: 1000 });
  const port = new SimSerialPort(sim, 'sim-gate');
  const gate = new ModbusGate({ id: 'gate', opener: port.opener, slaveAddress: 7, openCoil: 2, doorClosedInput: 1, pulseMs: 50, responseTimeoutMs: 300, retries: 1 });
  return { sim, port, gate };
}

documentScannerContract('in-process link', async () => {
  const { sim, port, scanner } = scannerOnSimPort();
  return { scanner, sim, interLineTimeoutMs: 400, close: async () => (scanner.dispose(), port.dispose()) };
});

printerContract('in-process link', async () => {
  const { sim, port, printer } = printerOnSimPort();
  return { printer, sim, close: async () => (printer.dispose(), port.dispose()) };
});

gateContract('in-process link', async () => {
  const { sim, port, gate } = gateOnSimPort();
  return { gate, sim, close: async () => (gate.dispose(), sim.dispose(), port.dispose()) };
});

describe('serial devices after an unplug', () => {
  it('a scanner goes absent when unplugged and reads again after open() on replug', async () => {
    const { sim, port, scanner } = scannerOnSimPort();
    await scanner.open();
    port.unplug();
    await until(() => scanner.health.state === 'absent', 'the scanner to go absent');
    expect(scanner.health.reason).toBe('DISCONNECTED');
    await expect(scanner.open()).rejects.toBeInstanceOf(DeviceUnavailableError);
    port.plug();
    await scanner.open();
    expect(scanner.health.state).toBe('ready');
    const event = next(scanner.onDidScan, 'a scan');
    await sim.scanQr(CCCD_QR_TEXT);
    expect((await event).kind).toBe('cccd-qr');
    expect(port.opens).toBe(2);
    scanner.dispose();
    port.dispose();
  });

  it('a printer keeps a ticket queued while unplugged and prints it after replug', async () => {
    const { sim, port, printer } = printerOnSimPort();
    await printer.open();
    port.unplug();
    await until(() => printer.health.state === 'absent', 'the printer to go absent');
    const error = await printer.print(SAMPLE_TICKET).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PRINTER_OFFLINE', queued: true });
    expect(printer.pendingJobs).toBe(1);
    port.plug();
    await until(() => printer.pendingJobs === 0, 'the kept ticket to print after replug');
    expect(sim.tickets).toHaveLength(1);
    expect(printer.health.state).toBe('ready');
    printer.dispose();
    port.dispose();
  });

  it('a gate pulse during an unplug fails as unavailable, and works again after replug', async () => {
    const { sim, port, gate } = gateOnSimPort();
    await gate.open();
    port.unplug();
    await until(() => gate.health.state === 'absent', 'the gate to go absent');
    await expect(gate.pulse()).rejects.toBeInstanceOf(DeviceUnavailableError);
    port.plug();
    await gate.open();
    await gate.pulse();
    expect(sim.counts.pulses).toBe(1);
    gate.dispose();
    sim.dispose();
    port.dispose();
  });
});
