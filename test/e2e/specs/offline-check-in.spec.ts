// The central service goes down: the patient still checks in, the check-in is saved in the outbox and the
// done screen says it is queued; when the service returns, the sync worker sends it and the technician's
// diagnostics screen shows the queue drained.

import { checkIn } from '../support/check-in-steps.ts';
import { countIn } from '../support/kiosk-page.ts';
import { expect, test } from '../support/fixtures.ts';
import { shot } from '../support/screenshots.ts';

test.describe('A check-in while the central service is down', () => {
  test('is queued offline, then synced when the service returns', async ({ kioskPage: kiosk, page }, testInfo) => {
    // The sync worker backs off (breaker up to 30 s in the demo) before it tries the service again.
    test.setTimeout(120_000);
    const pending = page.getByTestId('queue-pending');

    await kiosk.expectScreen('welcome');
    await kiosk.demo('central-offline');
    await expect(kiosk.banner('offline')).toBeVisible();
    await shot(page, testInfo, 'offline-01-welcome-offline-banner');

    await checkIn(kiosk);
    await expect(kiosk.doneScreen).toHaveAttribute('data-queued-offline', 'true');
    await expect(kiosk.doneScreen).toHaveAttribute('data-printed', 'true');
    await expect(kiosk.queueNumber).toHaveText(/\d/);
    await expect(kiosk.banner('offline')).toBeVisible();
    await shot(page, testInfo, 'offline-02-done-queued');
    await kiosk.tap('flow.cancel');
    await kiosk.expectScreen('welcome');

    // The technician sees the check-in waiting.
    await kiosk.unlockDiagnostics();
    await expect.poll(async () => countIn(await pending.textContent())).toBe(1);
    await expect(page.getByTestId('sync-state')).toBeVisible();
    await shot(page, testInfo, 'offline-03-diagnostics-pending');
    await page.getByTestId('diagnostics-lock').click();
    await expect(kiosk.diagnostics).toBeHidden();

    await kiosk.demo('central-online');
    await expect(kiosk.banner('offline')).toBeHidden({ timeout: 45_000 });

    await kiosk.unlockDiagnostics();
    await expect.poll(async () => countIn(await pending.textContent()), { timeout: 45_000, message: 'the queued check-in is synced' }).toBe(0);
    await shot(page, testInfo, 'offline-04-diagnostics-synced');
    await page.getByTestId('diagnostics-lock').click();
    await expect(kiosk.diagnostics).toBeHidden();
  });
});
