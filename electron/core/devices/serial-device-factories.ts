// Factory rows for the serial devices: the document scanner (line-based MRZ/QR), the ESC/POS receipt
// printer and the Modbus RTU gate controller, each over a real port (serialport, loaded on open) or over
// its byte-level simulator on an in-process port. The simulated rows run the real driver code.

import { z } from 'zod';
import { BAUD_RATES, type SerialTransportConfig } from '../../../native/hal/device-config.ts';
import { EscPosPrinterOptionsSchema, LineScannerOptionsSchema, ModbusGateOptionsSchema } from '../../../native/drivers/serial/serial-driver-options.ts';
import type { SerialLinkOpener } from '../../../native/drivers/serial/serial-link.ts';
import type { SerialSimulator } from '../../../native/sim/serial/sim-serial-port.ts';
import { alsoDispose } from './also-dispose.ts';
import { defineDeviceFactory, type DeviceFactory } from './device-factory.ts';

async function portOpener(transport: SerialTransportConfig): Promise<SerialLinkOpener> {
  const { serialPortOpener } = await import('../../../native/drivers/serial/serial-port-link.ts');
  const { path, baudRate, dataBits, parity, stopBits } = transport;
  return serialPortOpener({ path, baudRate, dataBits, parity, stopBits });
}

/** The simulated cable: unpaced, or at `baudRate` (8N1: 10 bits a byte) so timings are those of a real line. */
const simLine = { baudRate: z.literal([...BAUD_RATES]).optional() };

async function simPort(deviceId: string, simulator: SerialSimulator, baudRate: number | undefined) {
  const { SimSerialPort } = await import('../../../native/sim/serial/sim-serial-port.ts');
  return new SimSerialPort(simulator, `sim:${deviceId}`, baudRate === undefined ? {} : { bytesPerSecond: baudRate / 10 });
}

export const SERIAL_DEVICE_FACTORIES: readonly DeviceFactory[] = [
  defineDeviceFactory({
    role: 'documentScanner',
    driver: 'line-scanner',
    options: LineScannerOptionsSchema,
    async create(config, options) {
      const { SerialDocumentScanner } = await import('../../../native/drivers/serial/scanner/serial-document-scanner.ts');
      return new SerialDocumentScanner({ id: config.id, opener: await portOpener(config.transport as SerialTransportConfig), ...options });
    },
  }),
  defineDeviceFactory({
    role: 'documentScanner',
    driver: 'sim',
    options: LineScannerOptionsSchema.extend(simLine),
    /** Controls: `{ simulator: DocumentScannerSim, port: SimSerialPort }`. */
    async create(config, { baudRate, ...options }, { onSimulator }) {
      const { SerialDocumentScanner } = await import('../../../native/drivers/serial/scanner/serial-document-scanner.ts');
      const { DocumentScannerSim } = await import('../../../native/sim/serial/document-scanner-sim.ts');
      const simulator = new DocumentScannerSim();
      const port = await simPort(config.id, simulator, baudRate);
      onSimulator?.(config.id, { simulator, port });
      return alsoDispose(new SerialDocumentScanner({ id: config.id, driver: 'sim', opener: port.opener, ...options }), port);
    },
  }),
  defineDeviceFactory({
    role: 'printer',
    driver: 'escpos-serial',
    options: EscPosPrinterOptionsSchema,
    async create(config, options) {
      const { EscPosPrinter } = await import('../../../native/drivers/serial/escpos/escpos-printer.ts');
      return new EscPosPrinter({ id: config.id, opener: await portOpener(config.transport as SerialTransportConfig), ...options });
    },
  }),
  defineDeviceFactory({
    role: 'printer',
    driver: 'sim',
    options: EscPosPrinterOptionsSchema.extend(simLine),
    /** Controls: `{ simulator: EscPosPrinterSim, port: SimSerialPort }`. */
    async create(config, { baudRate, ...options }, { onSimulator }) {
      const { EscPosPrinter } = await import('../../../native/drivers/serial/escpos/escpos-printer.ts');
      const { EscPosPrinterSim } = await import('../../../native/sim/serial/escpos-printer-sim.ts');
      const simulator = new EscPosPrinterSim({ widthDots: options.widthDots });
      const port = await simPort(config.id, simulator, baudRate);
      onSimulator?.(config.id, { simulator, port });
      return alsoDispose(new EscPosPrinter({ id: config.id, driver: 'sim', opener: port.opener, ...options }), port);
    },
  }),
  defineDeviceFactory({
    role: 'gate',
    driver: 'modbus-gate',
    options: ModbusGateOptionsSchema,
    async create(config, options) {
      const { ModbusGate } = await import('../../../native/drivers/serial/modbus/modbus-gate.ts');
      return new ModbusGate({ id: config.id, opener: await portOpener(config.transport as SerialTransportConfig), ...options });
    },
  }),
  defineDeviceFactory({
    role: 'gate',
    driver: 'sim',
    options: ModbusGateOptionsSchema,
    /** Controls: `{ simulator: ModbusGateSim, port: SimSerialPort }`. */
    async create(config, options, { onSimulator }) {
      const { ModbusGate } = await import('../../../native/drivers/serial/modbus/modbus-gate.ts');
      const { ModbusGateSim } = await import('../../../native/sim/serial/modbus-gate-sim.ts');
      const { slaveAddress, openCoil, doorClosedInput } = options;
      const simulator = new ModbusGateSim({ slaveAddress, openCoil, doorClosedInput });
      const port = await simPort(config.id, simulator, undefined);
      onSimulator?.(config.id, { simulator, port });
      return alsoDispose(new ModbusGate({ id: config.id, driver: 'sim', opener: port.opener, ...options }), port, simulator);
    },
  }),
];
