// Screenshots of each screen a scenario passes through, kept as test artifacts (test-results/e2e) and
// attached to the report, so a reviewer can see what a person saw without running the suite.

import type { Page, TestInfo } from '@playwright/test';

/** Saves a full-page PNG named `<name>.png` in the test's output folder and attaches it. */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name must be kebab-case: ${name}`);
  const path = testInfo.outputPath(`${name}.png`);
  // Animations (the finger, the progress bar) are frozen so that a picture shows the state, not a frame.
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
