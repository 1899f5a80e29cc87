// The printer runs out of paper just as a patient confirms: the check-in is already saved, so the done
// screen says the ticket was not printed and shows the queue number for the desk instead of a dead end.

import { reachDepartments } from '../support/check-in-steps.ts';
import { expect, test } from '../support/fixtures.ts';
import { shot } from '../support/screenshots.ts';

test.describe('A printer out of paper', () => {
  test('ends the check-in on the done screen with the queue number and printed=false', async ({ kioskPage: kiosk, page }, testInfo) => {
    await reachDepartments(kiosk);
    await kiosk.department('mat').click();
    await kiosk.expectScreen('confirm');
    await kiosk.demo('printer-out');

    await kiosk.tap('flow.confirm');
    await kiosk.expectScreen('done');
    await expect(kiosk.doneScreen).toHaveAttribute('data-printed', 'false');
    await expect(kiosk.doneScreen).toHaveAttribute('data-queued-offline', 'false');
    await expect(kiosk.queueNumber).toHaveText(/\d/);
    await shot(page, testInfo, 'printer-out-01-done-not-printed');

    // Paper loaded again; the patient finishes and the kiosk waits for the next one.
    await kiosk.demo('printer-ok');
    await kiosk.tap('flow.cancel');
    await kiosk.expectScreen('welcome');
  });
});
