// A patient lifts the card while the chip is being read, then puts it back: the reading screen says the
// card left the reader, and the read resumes when it returns and completes (the card stack re-opens the
// chip and goes on from the last offset). The demo reader answers at memory speed, so the reader here
// has a slow reader's latency and no extended length: the photo takes about a hundred APDUs, ten seconds
// or more, time enough for the card to be lifted mid-photo even on a loaded machine. The read watchdog
// and the resume window are widened to match (the product's limits, not a test's timing).

import { slowReaderOverride } from '../support/demo-config.ts';
import { expect, test } from '../support/fixtures.ts';
import { shot } from '../support/screenshots.ts';
import { CCCD_HOLDER } from '../support/synthetic-people.ts';

test.use({
  kioskConfigOverride: `${slowReaderOverride({ latencyMs: 100 })}flows:
  hospital:
    timeouts: { readingSeconds: 90, resumeCardSeconds: 45 }
`,
});

test.describe('A card removed mid-read', () => {
  test('shows the card-lost state and resumes the read when the card is presented again', async ({ kioskPage: kiosk, page }, testInfo) => {
    const readingSection = page.locator('[data-card-lost]');
    await kiosk.expectScreen('welcome');
    await kiosk.tap('flow.presentCard');
    await kiosk.expectScreen('presentCard');
    await kiosk.demo('insert-cccd');
    await kiosk.demo('scan-qr-cccd', { keepOpen: true });
    await kiosk.expectScreen('reading');

    // Once the name is in (the photo is being read), lift the card.
    await expect(kiosk.holderName).toHaveText(CCCD_HOLDER.fullName);
    await kiosk.demo('remove-card');
    await expect(readingSection).toHaveAttribute('data-card-lost', 'true');
    await kiosk.expectScreen('reading');
    const progressWhenLost = Number(await kiosk.progressBar.getAttribute('aria-valuenow'));
    // The name read so far stays on screen while the kiosk waits for the card.
    await expect(kiosk.holderName).toHaveText(CCCD_HOLDER.fullName);
    await shot(page, testInfo, 'card-lost-01-reading-card-lost');

    await kiosk.demo('insert-cccd');
    await expect(readingSection).toHaveAttribute('data-card-lost', 'false');
    await shot(page, testInfo, 'card-lost-02-reading-resumed');
    // Resumed, not restarted: the bar does not go back below where it stopped.
    expect(Number(await kiosk.progressBar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(progressWhenLost);

    // The read completes: the fingerprint step shows the holder with the chip's photo.
    await kiosk.expectScreen('fingerprint', 30_000);
    await expect(kiosk.holderName).toHaveText(CCCD_HOLDER.fullName);
    await expect.poll(() => kiosk.photoNaturalWidth()).toBeGreaterThan(0);
    await shot(page, testInfo, 'card-lost-03-fingerprint');
  });
});
