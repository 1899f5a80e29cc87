// Steps several scenarios share: a CCCD patient brought to a given point of the hospital check-in with
// the demo controls, the way scenario 1 walks it screen by screen.

import { expect } from '@playwright/test';
import type { KioskPage } from './kiosk-page.ts';
import { CCCD_HOLDER } from './synthetic-people.ts';

/** From welcome to the fingerprint step: card on the reader, front QR scanned, chip read. */
export async function readCccd(kiosk: KioskPage): Promise<void> {
  await kiosk.expectScreen('welcome');
  await kiosk.tap('flow.presentCard');
  await kiosk.expectScreen('presentCard');
  await kiosk.demo('insert-cccd');
  await kiosk.demo('scan-qr-cccd');
  await kiosk.expectScreen('fingerprint');
  await expect(kiosk.holderName).toHaveText(CCCD_HOLDER.fullName);
}

/** From welcome to the department list, the finger matched. */
export async function reachDepartments(kiosk: KioskPage): Promise<void> {
  await readCccd(kiosk);
  await kiosk.demo('finger-match');
  await kiosk.expectScreen('chooseDepartment');
}

/** From welcome to the done screen, with `departmentId` chosen and confirmed. */
export async function checkIn(kiosk: KioskPage, departmentId = 'kham-noi'): Promise<void> {
  await reachDepartments(kiosk);
  await kiosk.department(departmentId).click();
  await kiosk.expectScreen('confirm');
  await kiosk.tap('flow.confirm');
  await kiosk.expectScreen('done');
}
