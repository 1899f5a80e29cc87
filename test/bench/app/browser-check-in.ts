// One hospital check-in through the kiosk page, as a person does it with the demo panel standing in for
// the world: tap start, scan the CCCD's QR, put the card on the reader, place a finger when asked,
// choose a department, confirm, and wait for the printed ticket. Every action is taken as soon as its
// screen offers it (Playwright waits for the control and clicks it), so the figures are the machine's.
// The page's own clock (page-timeline.ts) times the result; the time the bench took to click after a
// screen offered the control is measured too and reported apart as "person" time.

import type { Page } from '@playwright/test';
import { resetTimeline, takeTimeline, type PageTimeline } from './page-timeline.ts';

export const STEP_TIMEOUT_MS = 60_000;

export interface CheckInSample {
  /** From the click on flow.start to the done screen saying `data-printed="true"`. */
  readonly totalMs: number;
  /** The part of totalMs during which the kiosk waited for the bench's next click. */
  readonly personMs: number;
  /** From the click on the demo panel's insert-cccd to the holder's name on screen. */
  readonly cardToNameMs: number;
  /** Screens in order, from welcome to done. */
  readonly screens: readonly string[];
  /** Time on each screen, in order (the last, done, has none). */
  readonly screenMs: readonly { readonly screen: string; readonly ms: number }[];
}

/** The screen root, matching when the kiosk shows `screen`. */
export const screenRoot = (page: Page, screen: string) => page.locator(`main[data-screen="${screen}"]`);

/** Waits for `screen`; throws with the error code when the kiosk shows its error or out-of-service screen instead. */
export async function reach(page: Page, screen: string): Promise<void> {
  const root = page.locator(`main[data-screen="${screen}"], main[data-screen="error"], main[data-screen="outOfService"]`).first();
  await root.waitFor({ timeout: STEP_TIMEOUT_MS });
  const shown = await root.getAttribute('data-screen');
  if (shown === screen) return;
  const code = await page.locator('main [data-code]:not([data-testid="demo-status"]), main[data-code]').first().getAttribute('data-code', { timeout: 1000 }).catch(() => null);
  throw new Error(`the kiosk showed its ${shown} screen (code ${code ?? 'unknown'}) instead of ${screen}`);
}

async function clickOn(page: Page, screen: string, selector: string): Promise<void> {
  await reach(page, screen);
  await screenRoot(page, screen).locator(selector).first().click({ timeout: STEP_TIMEOUT_MS });
}

/**
 * Opens the demo panel, presses a button, waits until the core accepted it (the panel's status line
 * names it; the presses of a check-in have distinct names, so an older status cannot match) and closes
 * the panel again: open, it covers part of the kiosk's screen, as it would a presenter's.
 */
export async function demo(page: Page, name: string): Promise<void> {
  await setDemoPanel(page, true);
  await page.locator(`[data-demo="${name}"]`).click({ timeout: STEP_TIMEOUT_MS });
  const status = page.locator('[data-testid="demo-status"]');
  await status.filter({ hasText: `${name}:` }).waitFor({ timeout: STEP_TIMEOUT_MS });
  const code = await status.getAttribute('data-code');
  if (code) throw new Error(`the demo panel's ${name} was refused: ${code}`);
  await setDemoPanel(page, false);
}

async function setDemoPanel(page: Page, open: boolean): Promise<void> {
  const panel = page.locator('[data-testid="demo-panel"]');
  if ((await panel.isVisible()) === open) return;
  await page.locator('[data-testid="demo-toggle"]').click();
  await panel.waitFor({ state: open ? 'visible' : 'hidden' });
}

/**
 * From the welcome screen, one check-in to the printed ticket, then back to welcome (the card taken
 * off the reader, the done screen left with its cancel or start action). Throws with the screen's error
 * code when the kiosk shows an error screen instead.
 */
export async function browserCheckIn(page: Page): Promise<CheckInSample> {
  await screenRoot(page, 'welcome').waitFor({ timeout: STEP_TIMEOUT_MS });
  await resetTimeline(page);
  await clickOn(page, 'welcome', '[data-action="flow.start"]');
  await reach(page, 'presentCard');
  await demo(page, 'scan-qr-cccd');
  await demo(page, 'insert-cccd');
  await reach(page, 'fingerprint');
  await demo(page, 'finger-match');
  await clickOn(page, 'chooseDepartment', '[data-action="flow.chooseDepartment"]');
  await clickOn(page, 'confirm', '[data-action="flow.confirm"]');
  await reach(page, 'done');
  const done = page.locator('main[data-screen="done"] [data-printed], main[data-screen="done"][data-printed]').first();
  await done.waitFor({ timeout: STEP_TIMEOUT_MS });
  const printed = await done.getAttribute('data-printed');
  if (printed !== 'true') throw new Error(`the done screen says data-printed="${printed}": the ticket was not printed`);
  const timeline = await takeTimeline(page);
  await returnToWelcome(page);
  return sampleOf(timeline);
}

async function returnToWelcome(page: Page): Promise<void> {
  await demo(page, 'remove-card');
  const done = screenRoot(page, 'done');
  const cancel = done.locator('[data-action="flow.cancel"]');
  await (await cancel.count() > 0 ? cancel : done.locator('[data-action="flow.start"]')).first().click();
  await screenRoot(page, 'welcome').waitFor({ timeout: STEP_TIMEOUT_MS });
}

function sampleOf(timeline: PageTimeline): CheckInSample {
  const clickAt = (what: string) => {
    const click = timeline.clicks.find((c) => c.what === what);
    if (!click) throw new Error(`no ${what} click in the page timeline`);
    return click.t;
  };
  const screenAt = (screen: string) => {
    const entry = timeline.screens.find((s) => s.screen === screen);
    if (!entry) throw new Error(`no ${screen} screen in the page timeline`);
    return entry.t;
  };
  const started = clickAt('flow.start');
  const { printedAt, holderAt } = timeline;
  if (printedAt === null) throw new Error('the page timeline has no printed ticket');
  if (holderAt === null) throw new Error('the page timeline never showed the holder name');
  const scanned = timeline.demoAnswers.find((t) => t > clickAt('demo:scan-qr-cccd'));
  if (scanned === undefined) throw new Error('the page timeline has no answer to the QR scan');
  // The kiosk waits for the person only where a screen asks for something and nothing else runs: from
  // each such moment to the click that answers it. Clicks made while the kiosk works (closing the demo
  // panel during the read) cost the kiosk nothing and are not counted.
  const waits: readonly (readonly [number, number])[] = [
    [screenAt('presentCard'), clickAt('demo:scan-qr-cccd')],
    [scanned, clickAt('demo:insert-cccd')],
    [screenAt('fingerprint'), clickAt('demo:finger-match')],
    [screenAt('chooseDepartment'), clickAt('flow.chooseDepartment')],
    [screenAt('confirm'), clickAt('flow.confirm')],
  ];
  const screens = timeline.screens.filter((s) => s.t <= printedAt);
  return {
    totalMs: printedAt - started,
    personMs: waits.reduce((sum, [from, to]) => sum + Math.max(0, to - from), 0),
    cardToNameMs: holderAt - clickAt('demo:insert-cccd'),
    screens: screens.map((s) => s.screen),
    screenMs: screens.slice(0, -1).map((s, i) => ({ screen: s.screen, ms: screens[i + 1]!.t - Math.max(s.t, started) })),
  };
}
