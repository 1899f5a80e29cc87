// The e2e fixtures: every test gets its own kiosk process (fresh data dir, demo profile, the flow it
// asks for) and a page already opened on it, as the browser shell opens it. The test fails when the page
// logged an error or a CSP violation, when the kiosk does not stop cleanly with exit 0, or when its log
// holds a synthetic person's personal data. The kiosk's stderr is attached when a test fails.

import { test as base, expect } from '@playwright/test';
import { ContractWire } from './contract-wire.ts';
import { KioskPage } from './kiosk-page.ts';
import { KioskProcess, type KioskFlow } from './kiosk-process.ts';
import { PERSONAL_STRINGS } from './synthetic-people.ts';

export interface KioskOptions {
  /** Which flow the kiosk runs (KIOSK_FLOW). */
  readonly kioskFlow: KioskFlow;
  /** YAML merged over the demo profile (KIOSK_CONFIG_OVERRIDE); undefined for none. */
  readonly kioskConfigOverride: string | undefined;
}

export interface KioskFixtures {
  /** The running kiosk process. */
  readonly kiosk: KioskProcess;
  /** The kiosk screen, opened and past `connecting`. */
  readonly kioskPage: KioskPage;
  /** A read-only tap on the page's contract WebSocket (requests and replies). */
  readonly wire: ContractWire;
}

/** Each page's wire, attached before the page opens the kiosk so that no frame is missed. */
const wires = new WeakMap<object, ContractWire>();

export const test = base.extend<KioskFixtures & KioskOptions>({
  kioskFlow: ['hospital', { option: true }],
  kioskConfigOverride: [undefined, { option: true }],

  kiosk: async ({ kioskFlow, kioskConfigOverride }, use, testInfo) => {
    const kiosk = await KioskProcess.start({ flow: kioskFlow, ...(kioskConfigOverride === undefined ? {} : { configOverride: kioskConfigOverride }) });
    let stopError: unknown;
    try {
      await use(kiosk);
    } finally {
      try {
        await kiosk.stop();
      } catch (error) {
        stopError = error;
      }
      if (testInfo.status !== testInfo.expectedStatus || stopError !== undefined) {
        await testInfo.attach('kiosk-stderr.log', { body: kiosk.stderr, contentType: 'text/plain' });
      }
    }
    if (stopError !== undefined) throw stopError;
    expect(kiosk.stdout.trim().split('\n'), 'kiosk start prints exactly its ready line on stdout').toHaveLength(1);
    for (const personal of PERSONAL_STRINGS) expect(kiosk.stderr, 'the kiosk log holds no personal data').not.toContain(personal);
  },

  // The page depends on the kiosk, so its checks run (and it closes) before the kiosk is stopped.
  page: async ({ page, kiosk }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location().url;
      problems.push(`console.error: ${message.text()}${where ? ` (${where})` : ''}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    wires.set(page, new ContractWire(page));
    await page.goto(kiosk.url);
    await use(page);
    expect(problems, 'the page logged no errors and no CSP violations').toEqual([]);
  },

  wire: async ({ page }, use) => {
    const wire = wires.get(page);
    if (!wire) throw new Error('the page fixture attaches the contract wire');
    await use(wire);
  },

  kioskPage: async ({ page }, use) => {
    const kioskPage = new KioskPage(page);
    await expect(kioskPage.screen).not.toHaveAttribute('data-screen', 'connecting');
    await use(kioskPage);
  },
});

export { expect };
