// The browser the app benches drive: Debian's Chromium through Playwright, headless, with the e2e
// suite's flags (nothing that reaches the network or the GPU), launched once per section before any
// timing. Each measured page gets a fresh context (no cache, no storage) with the timeline recorder.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PORTRAIT_VIEWPORT } from '../../e2e/support/browser.ts';
import { REPOSITORY } from '../../e2e/support/kiosk-process.ts';
import { TIMELINE_SCRIPT } from './page-timeline.ts';

/**
 * Throws when the built renderer is missing: the kiosk would serve its placeholder page, and a bench of
 * that measures nothing. The bench does not build it (a build would compete with the timing).
 */
export function requireBuiltRenderer(): void {
  if (!existsSync(join(REPOSITORY, 'out/renderer/index.html'))) {
    throw new Error('out/renderer/index.html is missing: run `npm run build:renderer` before the app benches');
  }
}

export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}

/** A new context and page on the kiosk's portrait screen, with the timeline recorder installed. */
export async function freshPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PORTRAIT_VIEWPORT, locale: 'vi-VN' });
  await context.addInitScript({ content: TIMELINE_SCRIPT });
  const page = await context.newPage();
  return { context, page };
}
