// Fuzz targets for what serial devices send the kiosk: the ESC/POS printer's status replies, Modbus RTU
// frames (replies to the driver, requests to the simulator), the scanner's lines (bytes -> lines ->
// MRZ groups -> scans, with the inter-line timeout fired at the end), and the ESC/POS stream the
// printer simulator reads. None may crash, hang or allocate without bound; bad bytes are typed errors
// or error events.
import { civilDate } from '../../../native/card/cccd/civil-date.ts';
import { concatAll, feedAndCut, initialize, qrCode, rasterImage, realTimeStatus, transmitPaperStatus } from '../../../native/drivers/serial/escpos/escpos-commands.ts';
import { encodeRealTimeStatus, parseRealTimeStatus, parseTransmitPaperStatus } from '../../../native/drivers/serial/escpos/escpos-status.ts';
import { MonoBitmap } from '../../../native/drivers/serial/escpos/mono-bitmap.ts';
import {
  encodeBitsResponse,
  encodeExceptionResponse,
  encodeRequest,
  encodeWriteCoilResponse,
  parseRequest,
  parseResponse,
  type ModbusRequest,
} from '../../../native/drivers/serial/modbus/modbus-rtu-frame.ts';
import { LineDecoder } from '../../../native/drivers/serial/scanner/line-decoder.ts';
import { MrzLineGrouper, type GroupedScan } from '../../../native/drivers/serial/scanner/mrz-line-grouper.ts';
import { interpretScan } from '../../../native/drivers/serial/scanner/scan-interpreter.ts';
import { EscPosStreamParser } from '../../../native/sim/serial/escpos-stream-parser.ts';
import { CCCD_MRZ_LINES, CCCD_QR_TEXT, PASSPORT_MRZ_LINES } from '../../helpers/serial-fixtures.ts';
import type { FuzzTarget } from '../fuzz-target.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Input byte 0 picks the request the reply answers. */
const REQUESTS: readonly ModbusRequest[] = [
  { fn: 0x05, slave: 1, address: 0, on: true },
  { fn: 0x05, slave: 1, address: 0, on: false },
  { fn: 0x02, slave: 1, address: 0, count: 1 },
  { fn: 0x02, slave: 1, address: 0, count: 20 },
  { fn: 0x01, slave: 1, address: 0, count: 9 },
];

const statusBytes = (s: Parameters<typeof encodeRealTimeStatus>[0], paper: number) => {
  const b = encodeRealTimeStatus(s);
  return Uint8Array.of(b.printer, b.offlineCause, b.errorCause, b.paper, paper);
};

const TODAY = civilDate(2025, 3, 14)!;

export const SERIAL_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'escpos-status',
    seeds: () => [
      statusBytes({ online: true, paperOut: false, paperNearEnd: false, coverOpen: false, error: false }, 0x00),
      statusBytes({ online: false, paperOut: true, paperNearEnd: true, coverOpen: false, error: false }, 0x0f),
      statusBytes({ online: false, paperOut: false, paperNearEnd: false, coverOpen: true, error: true }, 0x03),
    ],
    parse: (b) => {
      parseRealTimeStatus({ printer: b[0] ?? -1, offlineCause: b[1] ?? -1, errorCause: b[2] ?? -1, paper: b[3] ?? -1 });
      return parseTransmitPaperStatus(b[4] ?? -1);
    },
  },
  {
    name: 'modbus-rtu-response',
    seeds: () => [
      concatAll([Uint8Array.of(0), encodeWriteCoilResponse(1, 0, true)]),
      concatAll([Uint8Array.of(2), encodeBitsResponse(1, 0x02, [true])]),
      concatAll([Uint8Array.of(3), encodeBitsResponse(1, 0x02, Array.from({ length: 20 }, (_, i) => i % 3 === 0))]),
      concatAll([Uint8Array.of(4), encodeBitsResponse(1, 0x01, Array.from({ length: 9 }, (_, i) => i % 2 === 0))]),
    ],
    parse: (b) => parseResponse(REQUESTS[(b[0] ?? 0) % REQUESTS.length]!, b.subarray(1)),
  },
  {
    name: 'modbus-rtu-exception',
    seeds: () => [concatAll([Uint8Array.of(2), encodeExceptionResponse(1, 0x02, 2)])],
    // An exception reply is a typed error by design: the seed "parses" when it throws exactly that.
    parse: (b) => {
      try {
        return parseResponse(REQUESTS[(b[0] ?? 0) % REQUESTS.length]!, b.subarray(1));
      } catch (err) {
        if ((err as { code?: string }).code === 'MODBUS_EXCEPTION') return err;
        throw err;
      }
    },
  },
  {
    name: 'modbus-rtu-request',
    seeds: () => REQUESTS.map(encodeRequest),
    parse: (b) => parseRequest(b),
  },
  {
    name: 'scanner-lines',
    seeds: () => [
      utf8(`${CCCD_MRZ_LINES.join('\r\n')}\r\n`),
      utf8(`${PASSPORT_MRZ_LINES.join('\n')}\n`),
      utf8(`]Q1${CCCD_QR_TEXT}\r`),
      utf8(`https://benhvien.example/lich-hen/12345\r\n${CCCD_MRZ_LINES.join('')}\r\n`),
    ],
    parse: (b) => {
      const scans: GroupedScan[] = [];
      const grouper = new MrzLineGrouper((s) => scans.push(s), 300, { setTimeout: () => 0, clearTimeout: () => undefined });
      const decoder = new LineDecoder(512);
      for (const item of decoder.push(b)) {
        if (item.kind === 'line') grouper.push(item.text);
        else scans.push(item);
      }
      grouper.flush();
      return scans.map((s) => interpretScan(s, { today: () => TODAY }));
    },
  },
  {
    name: 'escpos-stream',
    seeds: () => {
      const image = new MonoBitmap(32, 12);
      image.fillRect(4, 2, 20, 6);
      return [
        concatAll([initialize(), rasterImage(image, 8), qrCode(utf8('A042'), 4, 'M'), Uint8Array.of(0x41, 0x0a), feedAndCut(2), realTimeStatus(4), transmitPaperStatus()]),
      ];
    },
    parse: (b) => new EscPosStreamParser().push(b),
  },
];
