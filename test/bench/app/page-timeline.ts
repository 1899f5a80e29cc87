// A recorder installed in the kiosk page before its own scripts run (Playwright `addInitScript`): the
// page's clock (performance.now(), 0 = navigation start) at every change of the screen root's
// `data-screen`, at every click on a flow or demo control (capture phase, before React handles it), at
// every answer the demo panel's status line shows, and when the holder's name first shows and the done screen first says `data-printed="true"`;
// also every change of the root's `data-state` and the first verdict shown (the border gate). Times are
// taken when the DOM changes (React's commit), which a person sees at the next frame.
//
// The script is text, not a function, because it runs in the page (the bench's TypeScript has no DOM
// types) and must not depend on anything of the bench.

import type { Page } from '@playwright/test';

export interface ScreenEntry {
  readonly screen: string;
  readonly state: string | null;
  readonly t: number;
}

export interface ClickEntry {
  /** `flow.start`, or `demo:insert-cccd` for a demo-panel button, or `other`. */
  readonly what: string;
  readonly t: number;
}

export interface PageTimeline {
  readonly screens: readonly ScreenEntry[];
  readonly clicks: readonly ClickEntry[];
  /** When the demo panel's status line changed (the core answered a demo request). */
  readonly demoAnswers: readonly number[];
  /** When `[data-testid="holder-name"]` was first present and visible since the last reset. */
  readonly holderAt: number | null;
  /** When `[data-printed="true"]` was first present since the last reset. */
  readonly printedAt: number | null;
  /** Every change of the screen root's `data-state` (the core's state path), also within one screen. */
  readonly states: readonly { readonly state: string; readonly t: number }[];
  /** When a verdict (`[data-testid="verdict"]`) first showed since the last reset, and its `data-decision`. */
  readonly verdict: { readonly decision: string | null; readonly t: number } | null;
  readonly domContentLoadedAt: number | null;
}

export const TIMELINE_SCRIPT = `(() => {
  const empty = () => ({ screens: [], clicks: [], demoAnswers: [], holderAt: null, printedAt: null, states: [], verdict: null, domContentLoadedAt: null });
  let rec = empty();
  let lastScreen = null;
  let lastState = null;
  let lastStatus = null;
  const visible = (el) => (typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0) && (el.textContent || '').trim() !== '';
  const check = () => {
    const t = performance.now();
    const main = document.querySelector('main[data-screen]');
    const screen = main ? main.getAttribute('data-screen') : null;
    if (screen !== null && screen !== lastScreen) {
      lastScreen = screen;
      rec.screens.push({ screen, state: main.getAttribute('data-state'), t });
    }
    const state = main ? main.getAttribute('data-state') : null;
    if (state !== null && state !== lastState) {
      lastState = state;
      rec.states.push({ state, t });
    }
    const status = document.querySelector('[data-testid="demo-status"]');
    const statusText = status ? status.textContent : null;
    // A new text in a status line that was already shown; not the old one coming back as the panel reopens.
    if (statusText !== null && lastStatus !== null && statusText !== lastStatus) rec.demoAnswers.push(t);
    lastStatus = statusText;
    if (rec.holderAt === null) {
      const holder = document.querySelector('[data-testid="holder-name"]');
      if (holder && visible(holder)) rec.holderAt = t;
    }
    if (rec.printedAt === null && document.querySelector('[data-printed="true"]')) rec.printedAt = t;
    if (rec.verdict === null) {
      const verdict = document.querySelector('[data-testid="verdict"]');
      if (verdict) rec.verdict = { decision: verdict.getAttribute('data-decision'), t };
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener('DOMContentLoaded', () => { rec.domContentLoadedAt = performance.now(); check(); });
  document.addEventListener('click', (event) => {
    const target = event.target && event.target.closest ? event.target.closest('[data-action],[data-demo]') : null;
    const what = !target ? 'other' : target.hasAttribute('data-demo') ? 'demo:' + target.getAttribute('data-demo') : target.getAttribute('data-action');
    rec.clicks.push({ what, t: performance.now() });
  }, true);
  Object.defineProperty(window, '__benchTimeline', {
    value: Object.freeze({
      reset() { rec = empty(); lastScreen = null; lastState = null; lastStatus = null; check(); },
      take() { check(); return JSON.parse(JSON.stringify(rec)); },
    }),
  });
})();`;

export function takeTimeline(page: Page): Promise<PageTimeline> {
  return page.evaluate('window.__benchTimeline.take()') as Promise<PageTimeline>;
}

/** Starts a fresh record; the current screen becomes its first entry. */
export async function resetTimeline(page: Page): Promise<void> {
  await page.evaluate('window.__benchTimeline.reset()');
}
