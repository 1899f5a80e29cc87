// The digital border gate (KIOSK_FLOW=border-gate, landscape screen): a traveller with a genuine passport
// passes (MRZ scanned for the keys, chip read with passive and active authentication, fingerprint, online
// verification, the gate opens); a chip whose data was altered after signing is refused and the traveller
// is sent to a booth with the reason code for the officer.

import { LANDSCAPE_VIEWPORT } from '../support/browser.ts';
import { expect, test } from '../support/fixtures.ts';
import { shot } from '../support/screenshots.ts';
import { CCCD_HOLDER, PASSPORT_HOLDER } from '../support/synthetic-people.ts';

test.use({ kioskFlow: 'border-gate', viewport: LANDSCAPE_VIEWPORT });

test.describe('Border gate', () => {
  test('opens the gate for a traveller with a genuine passport and a matching finger', async ({ kioskPage: kiosk, page }, testInfo) => {
    await kiosk.expectScreen('welcome');
    await expect(kiosk.screen).toHaveAttribute('data-state', /^idle/);
    await shot(page, testInfo, 'border-01-welcome');

    await kiosk.tap('flow.start');
    await kiosk.expectScreen('presentCard');
    await shot(page, testInfo, 'border-02-present-document');

    await kiosk.demo('insert-passport');
    await kiosk.demo('scan-mrz-passport');
    // Fingerprint is required at the gate: no skip is offered.
    await kiosk.expectScreen('fingerprint');
    await expect(kiosk.holderName).toContainText(PASSPORT_HOLDER.primaryIdentifier);
    await expect(kiosk.holderPhoto).toBeVisible();
    await expect.poll(() => kiosk.photoNaturalWidth()).toBeGreaterThan(0);
    await expect(kiosk.action('flow.skipFingerprint')).toHaveCount(0);
    await shot(page, testInfo, 'border-03-fingerprint');

    await kiosk.demo('finger-match');
    await expect(kiosk.verdict).toHaveAttribute('data-decision', 'open');
    await kiosk.expectScreen('verdict');
    await expect(kiosk.reasonCode).toHaveCount(0);
    await shot(page, testInfo, 'border-04-verdict-open');
  });

  test('sends a traveller whose chip was tampered with to a booth with reason PA_FAILED', async ({ kioskPage: kiosk, page }, testInfo) => {
    await kiosk.expectScreen('welcome');
    await kiosk.tap('flow.start');
    await kiosk.expectScreen('presentCard');

    await kiosk.demo('insert-cccd-tampered');
    await kiosk.demo('scan-mrz-cccd');
    // Passive authentication fails on the altered photo: refused before any fingerprint is taken.
    await expect(kiosk.verdict).toHaveAttribute('data-decision', 'booth');
    await kiosk.expectScreen('verdict');
    await expect(kiosk.reasonCode).toBeVisible();
    await expect(kiosk.reasonCode).toHaveText(/PA_FAILED/);
    // A document that failed its checks is not presented as the traveller's identity.
    await expect(kiosk.holderPhoto).toHaveCount(0);
    await expect(page.getByText(CCCD_HOLDER.fullName)).toHaveCount(0);
    await shot(page, testInfo, 'border-05-verdict-booth');
  });
});
