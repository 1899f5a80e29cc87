// A patient checks in at the hospital kiosk with the chip of their CCCD: the front QR gives the keys,
// the chip is read with a progress bar, the name and photo are confirmed by fingerprint, a department
// is chosen and confirmed, and the ticket is printed with a queue number.

import { slowReaderOverride } from '../support/demo-config.ts';
import { expect, test } from '../support/fixtures.ts';
import { shot } from '../support/screenshots.ts';
import { CCCD_HOLDER } from '../support/synthetic-people.ts';

// A reader at a real reader's pace, so that the reading screen is seen (about 6 s for the whole chip).
test.use({ kioskConfigOverride: slowReaderOverride({ latencyMs: 50 }) });

test.describe('Hospital check-in with the CCCD chip', () => {
  test('takes a patient from the card to a printed ticket with a queue number', async ({ kioskPage: kiosk, page }, testInfo) => {
    await kiosk.expectScreen('welcome');
    await expect(kiosk.banner('demo')).toBeVisible();
    await shot(page, testInfo, 'hospital-01-welcome');

    await kiosk.tap('flow.presentCard');
    await kiosk.expectScreen('presentCard');
    await shot(page, testInfo, 'hospital-02-present-card');

    // The card goes on the reader, then the QR on its front is scanned: the QR holds the chip's keys.
    await kiosk.demo('insert-cccd');
    await kiosk.expectScreen('presentCard');
    await kiosk.demo('scan-qr-cccd', { keepOpen: true });
    await kiosk.expectScreen('reading');
    await expect(kiosk.progressBar).toBeVisible();
    // The name is on screen from DG13 while the photo is still being read.
    await expect(kiosk.holderName).toHaveText(CCCD_HOLDER.fullName);
    const progress = Number(await kiosk.progressBar.getAttribute('aria-valuenow'));
    expect(progress).toBeGreaterThanOrEqual(0);
    expect(progress).toBeLessThanOrEqual(100);
    await shot(page, testInfo, 'hospital-03-reading');
    await kiosk.demoToggle.click();

    await kiosk.expectScreen('fingerprint');
    await expect(kiosk.holderName).toHaveText(CCCD_HOLDER.fullName);
    await expect(kiosk.holderPhoto).toBeVisible();
    await expect.poll(() => kiosk.photoNaturalWidth(), { message: 'the holder photo is a decoded image' }).toBeGreaterThan(0);
    await shot(page, testInfo, 'hospital-04-fingerprint');

    await kiosk.demo('finger-match');
    await kiosk.expectScreen('chooseDepartment');
    await expect(kiosk.holderName).toHaveText(CCCD_HOLDER.fullName);
    await expect(kiosk.department('kham-noi')).toBeVisible();
    await shot(page, testInfo, 'hospital-05-choose-department');

    await kiosk.department('kham-noi').click();
    await kiosk.expectScreen('confirm');
    await expect(kiosk.holderName).toHaveText(CCCD_HOLDER.fullName);
    await shot(page, testInfo, 'hospital-06-confirm');

    await kiosk.tap('flow.confirm');
    // Printing is brief with the simulated printer; the done screen is where the flow must arrive.
    await kiosk.expectScreen('done');
    await expect(kiosk.doneScreen).toHaveAttribute('data-printed', 'true');
    await expect(kiosk.doneScreen).toHaveAttribute('data-queued-offline', 'false');
    await expect(kiosk.ticket).toBeVisible();
    await expect(kiosk.queueNumber).toHaveText(/^\s*[A-Z]{0,3}\d+\s*$/);
    await shot(page, testInfo, 'hospital-07-done');

    // The next person starts from a clean welcome screen: no name is left behind.
    await kiosk.tap('flow.cancel');
    await kiosk.expectScreen('welcome');
    await expect(kiosk.holderName).toHaveCount(0);
  });
});
