// What the serial-device tests scan and print, from the synthetic people of the chip profiles
// (native/sim/profiles): the MRZ of the CCCD and passport profiles, the CCCD front QR of the same
// citizen (so its candidate keys include the chip's real MRZ key), and a Vietnamese queue ticket.

import { encodeCccdQr } from '../../native/card/cccd/cccd-qr.ts';
import { encodeMrz } from '../../native/card/lds/mrz/mrz.ts';
import type { Ticket } from '../../native/hal/printer.ts';
import { chipProfiles } from '../../native/sim/profiles/index.ts';

export const CCCD_MRZ_LINES: readonly string[] = encodeMrz(chipProfiles.cccd.mrz);
export const PASSPORT_MRZ_LINES: readonly string[] = encodeMrz(chipProfiles['passport-td3'].mrz);

/** The front QR of the CCCD profile's citizen (ID 001099012345, born 1999-03-15, issued 2024-05-10). */
export const CCCD_QR_TEXT = encodeCccdQr({
  idNumber: '001099012345',
  oldIdNumber: '012345678',
  fullName: 'Nguyễn Văn Thử',
  dateOfBirth: '1999-03-15',
  sexText: 'Nam',
  address: 'Số 1 Đường Thử Nghiệm, Phường Mẫu, Quận Ba Đình, Hà Nội',
  dateOfIssue: '2024-05-10',
});

export const SAMPLE_TICKET: Ticket = Object.freeze({
  title: 'BỆNH VIỆN ĐA KHOA TỈNH LÀO CAI',
  queueNumber: 'A042',
  lines: Object.freeze([
    'Khoa: Nội tổng hợp — Phòng khám số 3',
    'Bệnh nhân: Nguyễn Thị Thử Nghiệm',
    'Thời gian: 08:15 ngày 14/03/2025',
    'Vui lòng chờ đến lượt được gọi tên trên màn hình.',
  ]),
  qrPayload: 'KIOSK:CHECKIN:A042:7f3c9e',
  footer: 'Cảm ơn quý khách. Chúc quý khách mau khỏe!',
});

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `condition` every 10 ms until it holds, failing with `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Resolves with the next value an onDidX event fires. */
export function next<T>(event: (listener: (value: T) => void) => { dispose(): void }, what: string, timeoutMs = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const sub = event((value) => {
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}
