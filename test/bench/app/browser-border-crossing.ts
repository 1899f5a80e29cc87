// One traveller at the border gate through the kiosk page (KIOSK_FLOW=border-gate), with the demo panel
// standing in for the world: on the welcome screen the document's MRZ (passport) or front QR (CCCD) is
// scanned, the document is put on the reader, the chip is read (AA nonce from the central service,
// PA, AA, CA), a finger is placed as soon as the fingerprint screen asks, the central service verifies
// online, and the verdict "open" shows; then the core pulses the gate and its state becomes `open`.
// Every action is taken as soon as its screen offers it; the page's own clock (page-timeline.ts) times
// it, and the time the kiosk waited for the bench's clicks is reported apart as "person" time.

import type { Page } from '@playwright/test';
import { demo, reach, screenRoot, STEP_TIMEOUT_MS } from './browser-check-in.ts';
import { resetTimeline, takeTimeline, type PageTimeline } from './page-timeline.ts';

export type TravelDocument = 'passport' | 'cccd';

/** The demo panel's buttons for each document: what the scanner reads, what goes on the reader. */
export const DOCUMENT_DEMOS: Readonly<Record<TravelDocument, { readonly scan: string; readonly insert: string }>> = Object.freeze({
  passport: Object.freeze({ scan: 'scan-mrz-passport', insert: 'insert-passport' }),
  cccd: Object.freeze({ scan: 'scan-qr-cccd', insert: 'insert-cccd' }),
});

/** The core's state once the gate pulse was acknowledged by the controller (border-gate-machine.ts). */
export const GATE_OPEN_STATE = 'open';

export interface CrossingStep {
  readonly screen: string;
  /** The core's state path shown as the root's `data-state`, e.g. `reading.chip`. */
  readonly state: string;
  /** From entering this state (or the first action, if later) to the next state. */
  readonly ms: number;
  /** The part of `ms` the kiosk spent waiting for the bench's click. */
  readonly personMs: number;
}

export interface CrossingSample {
  /** From the first action (the scan's click) to the verdict on screen. */
  readonly travellerMs: number;
  /** The part of travellerMs during which the kiosk waited for the bench's next click. */
  readonly personMs: number;
  /** From the click that put the document on the reader to the holder's name on screen. */
  readonly cardToNameMs: number;
  /** From the verdict "open" on screen to the core's `open` state: the gate pulse acknowledged. */
  readonly gateMs: number;
  /** The core's states in order, from the first action to the gate open (that last one has no time). */
  readonly steps: readonly CrossingStep[];
}

/**
 * From the welcome screen, one traveller to the verdict "open" and the gate pulse, then back to the
 * welcome screen (the document taken off the reader, the verdict left with its cancel action).
 * Throws with the screen's error code on an error screen, or with the reason code on a booth verdict.
 */
export async function browserBorderCrossing(page: Page, document: TravelDocument): Promise<CrossingSample> {
  const { scan, insert } = DOCUMENT_DEMOS[document];
  await screenRoot(page, 'welcome').waitFor({ timeout: STEP_TIMEOUT_MS });
  await resetTimeline(page);
  await demo(page, scan);
  await demo(page, insert);
  await reach(page, 'fingerprint');
  await demo(page, 'finger-match');
  await reach(page, 'verdict');
  const verdict = page.locator('[data-testid="verdict"]').first();
  const decision = await verdict.getAttribute('data-decision', { timeout: STEP_TIMEOUT_MS });
  if (decision !== 'open') {
    const reason = await page.locator('[data-testid="reason-code"]').first().textContent({ timeout: 1000 }).catch(() => null);
    throw new Error(`the ${document} traveller was sent to a booth (reason ${reason?.trim() || 'unknown'}), not let through`);
  }
  await page.locator(`main[data-screen="verdict"][data-state="${GATE_OPEN_STATE}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  const timeline = await takeTimeline(page);
  await returnToWelcome(page);
  return crossingSampleOf(timeline, document);
}

async function returnToWelcome(page: Page): Promise<void> {
  await demo(page, 'remove-card');
  const cancel = screenRoot(page, 'verdict').locator('[data-action="flow.cancel"]');
  // The open verdict leaves by itself after its time; a click racing that finds no button, and the
  // wait for the welcome screen below is what must hold.
  if ((await cancel.count()) > 0) await cancel.first().click({ timeout: 5_000 }).catch(() => undefined);
  await screenRoot(page, 'welcome').waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** The overlap of [from, to) with [start, end). */
const overlap = (from: number, to: number, start: number, end: number) => Math.max(0, Math.min(to, end) - Math.max(from, start));

/**
 * The figures of one crossing from its page timeline. Throws when the timeline lacks a click, screen,
 * verdict or the gate-open state the crossing must have produced.
 */
export function crossingSampleOf(timeline: PageTimeline, document: TravelDocument): CrossingSample {
  const { scan, insert } = DOCUMENT_DEMOS[document];
  const clickAt = (what: string) => {
    const click = timeline.clicks.find((c) => c.what === what);
    if (!click) throw new Error(`no ${what} click in the page timeline`);
    return click.t;
  };
  const started = clickAt(`demo:${scan}`);
  const verdict = timeline.verdict;
  if (verdict === null) throw new Error('the page timeline never showed a verdict');
  if (verdict.decision !== 'open') throw new Error(`the page timeline's first verdict is ${verdict.decision ?? 'undecided'}, not open`);
  const gateOpen = timeline.states.find((s) => s.state === GATE_OPEN_STATE && s.t >= verdict.t);
  if (gateOpen === undefined) throw new Error(`the page timeline has no ${GATE_OPEN_STATE} state after the verdict`);
  if (timeline.holderAt === null) throw new Error('the page timeline never showed the holder name');
  const fingerprintShown = timeline.screens.find((s) => s.screen === 'fingerprint' && s.t >= started);
  if (fingerprintShown === undefined) throw new Error('no fingerprint screen in the page timeline');
  const scanned = timeline.demoAnswers.find((t) => t > started);
  if (scanned === undefined) throw new Error(`the page timeline has no answer to the ${scan}`);
  // The kiosk waits for the person where a screen asks for something and nothing else runs: from the
  // scan's answer to the document on the reader, and from the fingerprint screen to the finger.
  const waits: readonly (readonly [number, number])[] = [
    [scanned, clickAt(`demo:${insert}`)],
    [fingerprintShown.t, clickAt('demo:finger-match')],
  ];
  const personMs = waits.reduce((sum, [from, to]) => sum + overlap(from, to, started, verdict.t), 0);

  // Which screen a state was shown on: the last screen entered at or before it.
  const screenAt = (t: number) => timeline.screens.filter((s) => s.t <= t).at(-1)?.screen ?? 'unknown';
  // The state current at the first action opens the list, then every state up to the gate open.
  const firstIndex = Math.max(0, timeline.states.findLastIndex((s) => s.t <= started));
  const shown = timeline.states.slice(firstIndex, timeline.states.indexOf(gateOpen) + 1);
  const steps = shown.map((s, i): CrossingStep => {
    const from = Math.max(s.t, started);
    const to = shown[i + 1]?.t ?? from;
    return { screen: screenAt(s.t), state: s.state, ms: to - from, personMs: waits.reduce((sum, [a, b]) => sum + overlap(a, b, from, to), 0) };
  });
  return {
    travellerMs: verdict.t - started,
    personMs,
    cardToNameMs: timeline.holderAt - clickAt(`demo:${insert}`),
    gateMs: gateOpen.t - verdict.t,
    steps,
  };
}
