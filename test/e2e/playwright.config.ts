// Playwright runs the kiosk end to end as a person uses it: a real core process (`kiosk start`, demo
// profile: simulated devices and central service on loopback), the built renderer, Debian's Chromium.
// One worker: the machine has two cores and every test starts its own kiosk process.

import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PORTRAIT_VIEWPORT } from './support/browser.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  testDir: here('./specs'),
  testMatch: '**/*.spec.ts',
  outputDir: here('../../test-results/e2e'),
  globalSetup: here('./global-setup.ts'),
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: here('../../playwright-report'), open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
    viewport: PORTRAIT_VIEWPORT,
    locale: 'vi-VN',
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
});
