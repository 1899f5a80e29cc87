// The browser the app benches drive: Debian's Chromium through Playwright, headless, with the e2e
// suite's flags (nothing that reaches the network or the GPU), launched once per section before any
// timing. Each measured page gets a fresh context (no cache, no storage) with the timeline recorder.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type ViewportSize } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PORTRAIT_VIEWPORT } from '../../e2e/support/browser.ts';
import { KioskProcess, REPOSITORY } from '../../e2e/support/kiosk-process.ts';
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

/** A new context and page on the kiosk's screen (portrait unless told), with the timeline recorder installed. */
export async function freshPage(browser: Browser, viewport: ViewportSize = PORTRAIT_VIEWPORT): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  await context.addInitScript({ content: TIMELINE_SCRIPT });
  const page = await context.newPage();
  return { context, page };
}

export interface KioskPageOptions {
  readonly flow: 'hospital' | 'border-gate';
  /** KIOSK_* settings for the kiosk process (e.g. KIOSK_CONFIG_OVERRIDE). */
  readonly env?: Readonly<Record<string, string>>;
  readonly viewport?: ViewportSize;
}

/**
 * Runs `body` on one page of one kiosk (`kiosk start`, fresh data dir) in a browser launched first, and
 * tears all of it down. A failure carries the tail of the kiosk's stderr; a kiosk that does not stop
 * with exit 0 fails the section, unless the run already failed for another reason.
 */
export async function withKioskPage<T>(options: KioskPageOptions, body: (page: Page) => Promise<T>): Promise<T> {
  const browser = await launchBenchBrowser();
  let kiosk: KioskProcess | undefined;
  let result: { value: T } | undefined;
  try {
    kiosk = await KioskProcess.start({ flow: options.flow, ...(options.env ? { env: options.env } : {}) });
    const { context, page } = await freshPage(browser, options.viewport);
    await page.goto(kiosk.url);
    result = { value: await body(page) };
    await context.close();
  } catch (error) {
    if (kiosk && error instanceof Error) error.message += `\n--- kiosk stderr (tail) ---\n${kiosk.stderr.slice(-3000)}`;
    throw error;
  } finally {
    await browser.close();
    await kiosk?.stop().catch((error: unknown) => {
      if (result !== undefined) throw error;
    });
  }
  return result.value;
}
