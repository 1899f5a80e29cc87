// The border gate speaks Vietnamese, English and Chinese, one tap away: the screen's texts and its `lang`
// change with the choice, the choice holds across the screens of one traveller, and the next traveller
// (after the verdict, or after an abandoned check-in times out) starts in Vietnamese again.
// Texts are read here on purpose: what the language switch changes is the words.

import { LANDSCAPE_VIEWPORT } from '../support/browser.ts';
import type { KioskPage, Language } from '../support/kiosk-page.ts';
import { expect, test } from '../support/fixtures.ts';
import { shot } from '../support/screenshots.ts';

// The welcome title of the border gate in each language (electron/core/flows/flow-texts.ts).
const TITLE: Readonly<Record<Language, string>> = { vi: 'Cổng kiểm soát tự động', en: 'Automated border gate', zh: '自助通关闸口' };

// A short wait for a document, so that an abandoned check-in times out within the test.
test.use({
  kioskFlow: 'border-gate',
  viewport: LANDSCAPE_VIEWPORT,
  kioskConfigOverride: 'flows:\n  borderGate:\n    timeouts: { presentDocumentSeconds: 5 }\n',
});

async function expectLanguage(kiosk: KioskPage, language: Language): Promise<void> {
  await expect(kiosk.screen).toHaveAttribute('lang', language);
  await expect(kiosk.languageButton(language)).toHaveAttribute('aria-pressed', 'true');
  for (const other of ['vi', 'en', 'zh'] as const) {
    if (other !== language) await expect(kiosk.languageButton(other)).toHaveAttribute('aria-pressed', 'false');
  }
}

test.describe('Language switch at the border gate', () => {
  test('switches vi -> en -> zh -> vi and the welcome texts follow', async ({ kioskPage: kiosk, page }, testInfo) => {
    await kiosk.expectScreen('welcome');
    await expectLanguage(kiosk, 'vi');
    await expect(kiosk.screen).toContainText(TITLE.vi);
    await shot(page, testInfo, 'language-01-vi');

    for (const language of ['en', 'zh', 'vi'] as const) {
      await kiosk.languageButton(language).click();
      await expectLanguage(kiosk, language);
      await expect(kiosk.screen).toContainText(TITLE[language]);
      for (const other of ['vi', 'en', 'zh'] as const) if (other !== language) await expect(kiosk.screen).not.toContainText(TITLE[other]);
      if (language !== 'vi') await shot(page, testInfo, `language-02-${language}`);
    }
  });

  test('keeps the chosen language through one traveller and resets to vi for the next', async ({ kioskPage: kiosk, page }, testInfo) => {
    await kiosk.expectScreen('welcome');
    await kiosk.languageButton('en').click();
    await expectLanguage(kiosk, 'en');

    await kiosk.tap('flow.start');
    await kiosk.expectScreen('presentCard');
    await expectLanguage(kiosk, 'en');
    await kiosk.demo('insert-passport');
    await kiosk.demo('scan-mrz-passport');
    await kiosk.expectScreen('fingerprint');
    await expectLanguage(kiosk, 'en');
    await shot(page, testInfo, 'language-03-fingerprint-en');
    await kiosk.demo('finger-match');
    await expect(kiosk.verdict).toHaveAttribute('data-decision', 'open');
    await expectLanguage(kiosk, 'en');
    await shot(page, testInfo, 'language-04-verdict-en');

    // The traveller is through: the next one is greeted in Vietnamese.
    await kiosk.tap('flow.cancel');
    await kiosk.expectScreen('welcome');
    await expectLanguage(kiosk, 'vi');
    await expect(kiosk.screen).toContainText(TITLE.vi);
  });

  test('resets to vi when an abandoned check-in times out', async ({ kioskPage: kiosk, page }, testInfo) => {
    await kiosk.expectScreen('welcome');
    await kiosk.languageButton('zh').click();
    await expectLanguage(kiosk, 'zh');
    await kiosk.tap('flow.start');
    await kiosk.expectScreen('presentCard');
    await expectLanguage(kiosk, 'zh');
    await shot(page, testInfo, 'language-05-present-document-zh');

    // Nobody presents a document: the step times out (5 s here) and the kiosk resets.
    await kiosk.expectScreen('welcome', 20_000);
    await expectLanguage(kiosk, 'vi');
    await expect(kiosk.screen).toContainText(TITLE.vi);
  });
});
