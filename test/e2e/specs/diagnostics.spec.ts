// The technician's diagnostics screen: reached through the discreet corner and a PIN (a wrong PIN is
// refused, five wrong ones lock the pad out), it lists every device with its state, runs a self-test,
// shows the last chip read's APDU trace, and exports a support report that holds no personal data.

import { readFile } from 'node:fs/promises';
import { readCccd } from '../support/check-in-steps.ts';
import { DEMO_DIAGNOSTICS_PIN } from '../support/kiosk-page.ts';
import { expect, test } from '../support/fixtures.ts';
import { shot } from '../support/screenshots.ts';
import { PERSONAL_STRINGS } from '../support/synthetic-people.ts';

const WRONG_PIN = '135799';
/** Every value of a field named `key` anywhere in a parsed JSON document. */
function valuesOf(json: unknown, key: string): unknown[] {
  if (Array.isArray(json)) return json.flatMap((item) => valuesOf(item, key));
  if (json === null || typeof json !== 'object') return [];
  return Object.entries(json).flatMap(([k, v]) => (k === key ? [v] : []).concat(valuesOf(v, key)));
}

const DEMO_DEVICES = ['card-reader', 'fingerprint', 'document-scanner', 'printer', 'gate'];

test.describe('Diagnostics', () => {
  test('opens with the PIN, self-tests the printer, shows the APDU trace and exports a report without personal data', async ({ kioskPage: kiosk, page, wire }, testInfo) => {
    // A person is mid check-in (their name on screen) when the technician comes: nothing of theirs may leak.
    await readCccd(kiosk);

    await kiosk.openPinPad();
    await shot(page, testInfo, 'diagnostics-01-pin-pad');
    await kiosk.enterPin(WRONG_PIN);
    expect(await wire.reply('diagnostics.unlock', 1)).toEqual({ type: 'error', code: 'PIN_WRONG' });
    await expect(kiosk.pinError).toHaveAttribute('data-code', 'PIN_WRONG');
    await expect(kiosk.pinError).toBeVisible();
    await expect(kiosk.diagnostics).toBeHidden();
    await shot(page, testInfo, 'diagnostics-02-wrong-pin');

    await kiosk.enterPin(DEMO_DIAGNOSTICS_PIN);
    await expect(kiosk.diagnostics).toBeVisible();

    for (const id of DEMO_DEVICES) {
      await expect(page.locator(`[data-device="${id}"]`)).toHaveAttribute('data-state', /^(absent|ready|busy|faulted)$/);
    }
    await expect(page.locator('[data-device="printer"]')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('reader-atr')).toHaveText(/^\s*[0-9A-F]{2}( ?[0-9A-F]{2}){3,}\s*$/i);
    await expect(page.getByTestId('config-summary')).toBeVisible();
    await expect(page.getByTestId('sync-state')).toBeVisible();
    await expect(page.getByTestId('queue-pending')).toBeVisible();
    // The read that just happened is in the trace: one row per APDU (headers and status words only).
    const traceRows = page.getByTestId('apdu-trace').locator('tbody tr');
    await expect.poll(() => traceRows.count(), { message: 'the APDU trace lists the last read' }).toBeGreaterThan(5);
    await expect(page.getByTestId('apdu-trace')).not.toContainText(PERSONAL_STRINGS[0]!);
    await shot(page, testInfo, 'diagnostics-03-screen');

    await page.locator('[data-selftest="printer"]').click();
    await expect(page.getByTestId('selftest-result')).toHaveAttribute('data-ok', 'true');
    await shot(page, testInfo, 'diagnostics-04-printer-self-test');

    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-report').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const text = await readFile(await download.path(), 'utf8');
    await testInfo.attach('diagnostics-report.json', { body: text, contentType: 'application/json' });
    const report: unknown = JSON.parse(text);
    expect(report).toBeInstanceOf(Object);
    expect(valuesOf(report, 'kioskId'), 'the report names the kiosk').toContain('demo-kiosk');
    for (const personal of PERSONAL_STRINGS) expect(text, 'the report holds no personal data').not.toContain(personal);

    await page.getByTestId('diagnostics-lock').click();
    await expect(kiosk.diagnostics).toBeHidden();
    await expect(kiosk.screen).toBeVisible();
    await shot(page, testInfo, 'diagnostics-05-locked');
  });

  test('locks the PIN pad out after five wrong PINs, even against the right one', async ({ kioskPage: kiosk, page, wire }, testInfo) => {
    await kiosk.expectScreen('welcome');
    await kiosk.openPinPad();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await kiosk.enterPin(WRONG_PIN);
      expect(await wire.reply('diagnostics.unlock', attempt)).toEqual({ type: 'error', code: 'PIN_WRONG' });
      await expect(kiosk.pinError).toHaveAttribute('data-code', 'PIN_WRONG');
    }
    await kiosk.enterPin(WRONG_PIN);
    expect((await wire.reply('diagnostics.unlock', 5)).code).toMatch(/^(PIN_WRONG|LOCKED_OUT)$/);
    await expect(kiosk.pinError).toHaveAttribute('data-code', /^(PIN_WRONG|LOCKED_OUT)$/);
    await expect(kiosk.pinError).toBeVisible();
    await shot(page, testInfo, 'diagnostics-lockout-01-locked-out');
    // Locked out for a minute: the right PIN opens nothing now.
    await kiosk.enterPin(DEMO_DIAGNOSTICS_PIN);
    expect(await wire.reply('diagnostics.unlock', 6)).toEqual({ type: 'error', code: 'LOCKED_OUT' });
    await expect(kiosk.pinError).toHaveAttribute('data-code', 'LOCKED_OUT');
    await expect(kiosk.pinError).toBeVisible();
    await expect(kiosk.diagnostics).toBeHidden();
    await shot(page, testInfo, 'diagnostics-lockout-02-right-pin-refused');
  });
});
