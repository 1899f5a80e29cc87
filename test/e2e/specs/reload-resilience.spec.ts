// The core is authoritative: a reload of the page (a browser crash and restart, a technician's F5) in the
// middle of a check-in brings back the very same screen with the same person, and the check-in goes on.

import { reachDepartments } from '../support/check-in-steps.ts';
import { expect, test } from '../support/fixtures.ts';
import { shot } from '../support/screenshots.ts';
import { CCCD_HOLDER } from '../support/synthetic-people.ts';

test.describe('Reload resilience', () => {
  test('returns to the department screen after a reload, and the check-in completes', async ({ kioskPage: kiosk, page }, testInfo) => {
    await reachDepartments(kiosk);
    const state = await kiosk.screen.getAttribute('data-state');
    await shot(page, testInfo, 'reload-01-before');

    await page.reload();
    await kiosk.expectScreen('chooseDepartment');
    await expect(kiosk.screen).toHaveAttribute('data-state', state ?? '');
    await expect(kiosk.holderName).toHaveText(CCCD_HOLDER.fullName);
    await expect(kiosk.department('kham-ngoai')).toBeVisible();
    await shot(page, testInfo, 'reload-02-after');

    await kiosk.department('kham-ngoai').click();
    await kiosk.expectScreen('confirm');
    await kiosk.tap('flow.confirm');
    await kiosk.expectScreen('done');
    await expect(kiosk.doneScreen).toHaveAttribute('data-printed', 'true');
    await expect(kiosk.queueNumber).toHaveText(/\d/);
  });
});
