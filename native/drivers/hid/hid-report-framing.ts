// How a byte stream rides in 64-byte HID reports. There is no standard for fingerprint scanners on HID;
// bridges that tunnel a UART protocol through a vendor-defined HID interface (the CP2110 / MCP2221
// pattern) all use a length-prefixed report, and so does this driver:
//
//   report (64 bytes, unnumbered: report id 0, which node-hid's write() takes as a leading 0x00 byte)
//   byte 0        n = number of stream bytes in this report, 0..63 (0 = idle report, carries nothing)
//   bytes 1..n    stream bytes, in order
//   bytes n+1..63 zero padding
//
// A protocol packet longer than 63 bytes is therefore fragmented across several reports (an R30x image
// data packet of 139 bytes takes three), and a report may end one packet and start the next. The
// framing does not mark packet boundaries: the protocol's own packet reader reassembles, and its
// inter-fragment timeout (packetTimeoutMs) discards a packet whose remaining fragments never arrive.

import { KioskError } from '../../hal/errors.ts';

export const HID_REPORT_SIZE = 64;
export const HID_REPORT_PAYLOAD = HID_REPORT_SIZE - 1;
/** The report id of an unnumbered report, prepended on write. */
export const HID_REPORT_ID = 0x00;

/** Splits `bytes` into 64-byte reports (without the report id byte). */
export function encodeHidReports(bytes: Uint8Array): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += HID_REPORT_PAYLOAD) {
    const part = bytes.subarray(offset, offset + HID_REPORT_PAYLOAD);
    const report = new Uint8Array(HID_REPORT_SIZE);
    report[0] = part.length;
    report.set(part, 1);
    reports.push(report);
  }
  return reports;
}

/**
 * The stream bytes one input report carries. Accepts the 64-byte report, or 65 bytes led by report id 0
 * (some platforms return the id). Throws KioskError `HID_BAD_REPORT` on another size or a count above 63.
 */
export function decodeHidReport(report: Uint8Array): Uint8Array {
  let body = report;
  if (report.length === HID_REPORT_SIZE + 1 && report[0] === HID_REPORT_ID) body = report.subarray(1);
  if (body.length !== HID_REPORT_SIZE) {
    throw new KioskError('HID_BAD_REPORT', `input report of ${report.length} bytes, expected ${HID_REPORT_SIZE}`, { step: 'hid.decode', userMessage: 'FINGERPRINT_UNAVAILABLE' });
  }
  const count = body[0]!;
  if (count > HID_REPORT_PAYLOAD) {
    throw new KioskError('HID_BAD_REPORT', `input report claims ${count} bytes, at most ${HID_REPORT_PAYLOAD} fit`, { step: 'hid.decode', userMessage: 'FINGERPRINT_UNAVAILABLE' });
  }
  return body.slice(1, 1 + count);
}

/** The bytes to hand to node-hid's write() for one report: report id 0, then the report. */
export function withReportId(report: Uint8Array): Buffer {
  const out = Buffer.alloc(report.length + 1);
  out[0] = HID_REPORT_ID;
  out.set(report, 1);
  return out;
}
