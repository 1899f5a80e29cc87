// A patient whose chip is not used checks in with the QR on the front of the CCCD alone. The demo allows
// it (flows.hospital.allowQrOnly defaults to true; config/kiosk/demo.yaml does not turn it off), so the
// kiosk takes the name from the QR and records the check-in at assurance QR_ONLY. The demo starts with a
// CCCD on the simulated reader, and a scan with a card present goes to the chip (the stronger proof): the
// card is taken away first, as a patient who never put it down would have it.

import { expect, test } from '../support/fixtures.ts';
import { shot } from '../support/screenshots.ts';
import { CCCD_HOLDER } from '../support/synthetic-people.ts';

test.describe('Hospital check-in with the CCCD front QR only', () => {
  test('prints a ticket from the QR alone, with the name and no chip photo', async ({ kioskPage: kiosk, page }, testInfo) => {
    await kiosk.expectScreen('welcome');
    await kiosk.demo('remove-card');
    await expect(kiosk.action('flow.useQr')).toBeVisible();
    await shot(page, testInfo, 'hospital-qr-01-welcome');

    await kiosk.tap('flow.useQr');
    await kiosk.expectScreen('presentCard');
    await shot(page, testInfo, 'hospital-qr-02-scan-qr');

    await kiosk.demo('scan-qr-cccd');
    // No chip read: straight to the fingerprint (optional in the demo) with the name from the QR.
    await kiosk.expectScreen('fingerprint');
    await expect(kiosk.holderName).toHaveText(CCCD_HOLDER.fullName);
    await expect(kiosk.holderPhoto, 'the QR carries no photo, and no other photo may be shown').toHaveCount(0);
    await shot(page, testInfo, 'hospital-qr-03-fingerprint');

    await kiosk.tap('flow.skipFingerprint');
    await kiosk.expectScreen('chooseDepartment');
    await kiosk.department('nhi').click();
    await kiosk.expectScreen('confirm');
    await expect(kiosk.holderName).toHaveText(CCCD_HOLDER.fullName);
    await shot(page, testInfo, 'hospital-qr-04-confirm');

    await kiosk.tap('flow.confirm');
    await kiosk.expectScreen('done');
    await expect(kiosk.doneScreen).toHaveAttribute('data-printed', 'true');
    await expect(kiosk.queueNumber).toHaveText(/\d/);
    await shot(page, testInfo, 'hospital-qr-05-done');
  });

  test('reads the chip instead when the card lies on the reader as the QR is scanned', async ({ kioskPage: kiosk, page }, testInfo) => {
    await kiosk.expectScreen('welcome');
    await kiosk.tap('flow.useQr');
    await kiosk.expectScreen('presentCard');
    await kiosk.demo('insert-cccd');
    await kiosk.demo('scan-qr-cccd');
    // The chip is the stronger proof: with the card present the kiosk reads it (photo included).
    await kiosk.expectScreen('fingerprint');
    await expect(kiosk.holderPhoto).toBeVisible();
    await expect.poll(() => kiosk.photoNaturalWidth()).toBeGreaterThan(0);
    await shot(page, testInfo, 'hospital-qr-chip-01-fingerprint');
  });
});
