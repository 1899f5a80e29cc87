// The `options` of the serial drivers in the device config (devices[i].options), each a strict zod
// schema with defaults, so a wrong option names its field and the allowed values (the factory table in
// electron/core/devices checks them). The transport (path, baud rate, parity) is not here: it is the
// entry's `transport`.

import { z } from 'zod';

/** `line-scanner`: a line-based MRZ / 2D-barcode scanner. */
export const LineScannerOptionsSchema = z.strictObject({
  /** Longest wait between two lines of one MRZ. */
  interLineTimeoutMs: z.int().min(20).max(5000).default(300),
  /** Longest line accepted; longer lines are dropped with an error event. */
  maxLineBytes: z.int().min(64).max(16384).default(2048),
});
export type LineScannerOptions = z.infer<typeof LineScannerOptionsSchema>;

/** `escpos-serial`: an ESC/POS receipt printer. */
export const EscPosPrinterOptionsSchema = z.strictObject({
  /** Printable width in dots at 203 dpi: 384 (58 mm paper) or 576 (80 mm paper). */
  widthDots: z.literal([384, 576]).default(576),
  /** QR module size in dots (GS ( k function 167). */
  qrModuleSize: z.int().min(1).max(16).default(6),
  /** QR error correction level (GS ( k function 169). */
  qrErrorCorrection: z.enum(['L', 'M', 'Q', 'H']).default('M'),
  /** Deadline for one status reply (DLE EOT n). */
  statusTimeoutMs: z.int().min(50).max(10000).default(1000),
  /**
   * Deadline for the printer to finish a ticket: GS r 1 follows the ticket and is answered only once
   * the ticket before it is printed (counted from when the bytes left the port).
   */
  printTimeoutMs: z.int().min(500).max(120000).default(15000),
  /** How often the status is polled while idle (health follows paper-out, cover-open). 0: never. */
  statusPollMs: z.int().min(0).max(600000).default(5000),
  /** How often a kept ticket is retried while the printer is not ready. */
  retryIntervalMs: z.int().min(100).max(600000).default(2000),
  /** Rows per GS v 0 band (printers limit one raster command's size). */
  rasterBandRows: z.int().min(8).max(2048).default(256),
});
export type EscPosPrinterOptions = z.infer<typeof EscPosPrinterOptionsSchema>;

/** `modbus-gate`: a gate controller speaking Modbus RTU over RS-485. */
export const ModbusGateOptionsSchema = z.strictObject({
  /** Modbus slave (server) address of the controller. */
  slaveAddress: z.int().min(1).max(247).default(1),
  /** Coil that opens the gate (written with function 0x05). */
  openCoil: z.int().min(0).max(0xffff).default(0),
  /** Discrete input that reads 1 when the door is closed (read with function 0x02). */
  doorClosedInput: z.int().min(0).max(0xffff).default(0),
  /** Pulse length: the coil is switched off after this many ms; 0 leaves it to the controller's own pulse. */
  pulseMs: z.int().min(0).max(10000).default(500),
  /** Deadline for one reply. */
  responseTimeoutMs: z.int().min(20).max(5000).default(300),
  /** Further attempts after a timeout or a bad CRC (writes are idempotent). */
  retries: z.int().min(0).max(5).default(2),
  /** How long the self-test waits for the door to read open after its pulse. */
  selfTestOpenTimeoutMs: z.int().min(100).max(30000).default(3000),
});
export type ModbusGateOptions = z.infer<typeof ModbusGateOptionsSchema>;
