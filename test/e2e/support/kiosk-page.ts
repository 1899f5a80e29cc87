// The kiosk screen as a person operates it, through the shared UI conventions only (data-* attributes
// and roles, never classes or texts): which screen is up, the action buttons the core offers, the demo
// panel that stands in for the person's card, finger and the outside world, and the diagnostics PIN pad.

import { expect, type Locator, type Page } from '@playwright/test';

/** Screens of the contract (electron/contract/screens.ts) plus the renderer's own `connecting`. */
export type ScreenName =
  | 'connecting'
  | 'welcome'
  | 'presentCard'
  | 'reading'
  | 'fingerprint'
  | 'chooseDepartment'
  | 'confirm'
  | 'printing'
  | 'done'
  | 'verifying'
  | 'verdict'
  | 'error'
  | 'outOfService';

/** Flow intents the screen may offer as `data-action` buttons. */
export type FlowAction =
  | 'flow.start'
  | 'flow.presentCard'
  | 'flow.useQr'
  | 'flow.chooseDepartment'
  | 'flow.skipFingerprint'
  | 'flow.confirm'
  | 'flow.back'
  | 'flow.cancel'
  | 'flow.retry';

/** The demo panel's buttons (`data-demo`), each one `demo.*` request to the simulators. */
export type DemoControl =
  | 'insert-cccd'
  | 'insert-passport'
  | 'insert-cccd-tampered'
  | 'insert-passport-tampered'
  | 'remove-card'
  | 'scan-qr-cccd'
  | 'scan-mrz-cccd'
  | 'scan-mrz-passport'
  | 'finger-match'
  | 'finger-mismatch'
  | 'finger-unusable'
  | 'central-offline'
  | 'central-online'
  | 'printer-out'
  | 'printer-ok';

export type Language = 'vi' | 'en' | 'zh';
export type BannerKind = 'offline' | 'deviceRestarting' | 'printerLow' | 'demo';

export const DEMO_DIAGNOSTICS_PIN = '246810';

export class KioskPage {
  /** The root of the kiosk screen: `data-screen` and `data-state` say where the flow is. */
  readonly screen: Locator;
  readonly progressBar: Locator;
  readonly holderName: Locator;
  readonly holderPhoto: Locator;
  readonly ticket: Locator;
  readonly queueNumber: Locator;
  /** The done screen's root: `data-printed` and `data-queued-offline`. */
  readonly doneScreen: Locator;
  /** The error screen's root: `data-code`. */
  readonly errorScreen: Locator;
  readonly verdict: Locator;
  readonly reasonCode: Locator;
  readonly demoToggle: Locator;
  readonly demoPanel: Locator;
  readonly diagnosticsCorner: Locator;
  readonly pinError: Locator;
  readonly diagnostics: Locator;

  constructor(readonly page: Page) {
    this.screen = page.locator('main[data-screen]');
    this.progressBar = page.getByRole('progressbar');
    this.holderName = page.getByTestId('holder-name');
    this.holderPhoto = page.locator('img[data-testid="holder-photo"]');
    this.ticket = page.getByTestId('ticket');
    this.queueNumber = page.getByTestId('queue-number');
    this.doneScreen = page.locator('[data-printed][data-queued-offline]');
    this.errorScreen = page.locator('[data-screen="error"] [data-code]');
    this.verdict = page.getByTestId('verdict');
    this.reasonCode = page.getByTestId('reason-code');
    this.demoToggle = page.getByTestId('demo-toggle');
    this.demoPanel = page.getByTestId('demo-panel');
    this.diagnosticsCorner = page.getByTestId('diagnostics-corner');
    this.pinError = page.getByTestId('pin-error');
    this.diagnostics = page.getByTestId('diagnostics');
  }

  /** Waits until the core shows `screen` (the core decides; the page only follows its snapshots). */
  async expectScreen(screen: ScreenName, timeout?: number): Promise<void> {
    await expect(this.screen).toHaveAttribute('data-screen', screen, timeout === undefined ? {} : { timeout });
  }

  action(type: FlowAction): Locator {
    return this.page.locator(`[data-action="${type}"]`);
  }

  /** Taps an action button; it must be offered (the renderer shows only the snapshot's actions). */
  async tap(type: FlowAction): Promise<void> {
    await this.action(type).click();
  }

  department(id: string): Locator {
    return this.page.locator(`[data-action="flow.chooseDepartment"][data-department="${id}"]`);
  }

  languageButton(language: Language): Locator {
    return this.page.locator(`[data-language="${language}"]`);
  }

  banner(kind: BannerKind): Locator {
    return this.page.locator(`[data-banner="${kind}"]`);
  }

  /**
   * Does what the demo panel button `control` stands for (a card on the reader, a scan, a finger, the
   * network...). Opens the panel, presses the button, and closes the panel again so it hides nothing
   * (unless `keepOpen`, for a quick series of demo actions).
   */
  async demo(control: DemoControl, { keepOpen = false }: { readonly keepOpen?: boolean } = {}): Promise<void> {
    if (!(await this.demoPanel.isVisible())) await this.demoToggle.click();
    await expect(this.demoPanel).toBeVisible();
    await this.demoPanel.locator(`[data-demo="${control}"]`).click();
    if (keepOpen) return;
    await this.demoToggle.click();
    await expect(this.demoPanel).toBeHidden();
  }

  /** The technician's way in: five quick taps on the discreet corner bring up the PIN pad. */
  async openPinPad(): Promise<void> {
    // Five taps within three seconds: raw taps at the corner's centre, since a locator click's
    // actionability checks can take longer than that on a loaded machine.
    const box = await this.diagnosticsCorner.boundingBox();
    if (!box) throw new Error('the diagnostics corner is not on screen');
    for (let tap = 0; tap < 5; tap++) await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(this.page.getByTestId('pin-submit')).toBeVisible();
  }

  async enterPin(pin: string): Promise<void> {
    await this.page.getByTestId('pin-clear').click();
    for (const digit of pin) await this.page.locator(`[data-pin-digit="${digit}"]`).click();
    await this.page.getByTestId('pin-submit').click();
  }

  /** Opens the diagnostics screen with the demo PIN. */
  async unlockDiagnostics(pin = DEMO_DIAGNOSTICS_PIN): Promise<void> {
    await this.openPinPad();
    await this.enterPin(pin);
    await expect(this.diagnostics).toBeVisible();
  }

  /** Whether the holder's photo is a decoded image (a broken data URL has naturalWidth 0). */
  async photoNaturalWidth(): Promise<number> {
    return this.holderPhoto.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth);
  }
}

/** The first whole number in a text (a count shown with or without a label). */
export function countIn(text: string | null): number {
  const match = /\d+/.exec(text ?? '');
  if (!match) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(match[0]);
}
