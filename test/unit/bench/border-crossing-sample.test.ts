// The figures the app-border bench takes from a page timeline (test/bench/app/browser-border-crossing.ts)
// and the p90 it reports. The timeline here is made up, with round times, so each figure can be checked
// by hand: what a traveller waits, what of it was the bench's clicking, and what the gate took.

import { describe, expect, it } from 'vitest';
import { crossingSampleOf } from '../../bench/app/browser-border-crossing.ts';
import type { PageTimeline } from '../../bench/app/page-timeline.ts';
import { percentile } from '../../bench/app/percentile.ts';

/** A passport traveller: scan at 110, card at 400, finger at 1200, verdict at 2040, gate open at 2540. */
function passportTimeline(changes: Partial<PageTimeline> = {}): PageTimeline {
  const at = (screen: string, state: string, t: number) => ({ screen, state, t });
  const shown = [
    at('welcome', 'idle', 0),
    at('presentCard', 'presentDocument', 140),
    at('reading', 'reading.nonce', 410),
    at('reading', 'reading.chip', 420),
    at('fingerprint', 'fingerprint.capturing', 900),
    at('verifying', 'verifying.online', 2000),
    at('verifying', 'saving', 2020),
    at('verdict', 'opening', 2040),
    at('verdict', 'open', 2540),
  ];
  return {
    screens: shown.filter((s, i) => i === 0 || shown[i - 1]!.screen !== s.screen),
    states: shown.map(({ state, t }) => ({ state, t })),
    clicks: [
      { what: 'other', t: 100 },
      { what: 'demo:scan-mrz-passport', t: 110 },
      { what: 'other', t: 300 },
      { what: 'demo:insert-passport', t: 400 },
      { what: 'demo:finger-match', t: 1200 },
    ],
    demoAnswers: [150, 430, 1210],
    holderAt: 600,
    printedAt: null,
    verdict: { decision: 'open', t: 2040 },
    domContentLoadedAt: 5,
    ...changes,
  };
}

describe('crossingSampleOf', () => {
  it('times the traveller from the scan to the verdict and sets apart the waits for the bench\'s clicks', () => {
    const sample = crossingSampleOf(passportTimeline(), 'passport');
    expect(sample.travellerMs).toBe(1930);
    // From the scan's answer (150) to the card (400), and from the fingerprint screen (900) to the finger (1200).
    expect(sample.personMs).toBe(550);
    expect(sample.cardToNameMs).toBe(200);
    expect(sample.gateMs).toBe(500);
  });

  it('lists each core state from the first action to the gate open with its time and the bench\'s share of it', () => {
    const steps = crossingSampleOf(passportTimeline(), 'passport').steps;
    expect(steps.map((s) => [s.screen, s.state, s.ms, s.personMs])).toEqual([
      ['welcome', 'idle', 30, 0],
      ['presentCard', 'presentDocument', 270, 250],
      ['reading', 'reading.nonce', 10, 0],
      ['reading', 'reading.chip', 480, 0],
      ['fingerprint', 'fingerprint.capturing', 1100, 300],
      ['verifying', 'verifying.online', 20, 0],
      ['verifying', 'saving', 20, 0],
      ['verdict', 'opening', 500, 0],
      ['verdict', 'open', 0, 0],
    ]);
  });

  it('refuses a crossing that ended at a booth', () => {
    expect(() => crossingSampleOf(passportTimeline({ verdict: { decision: 'booth', t: 2040 } }), 'passport')).toThrow(/booth, not open/);
  });

  it('refuses a crossing whose gate never reached the open state after the verdict', () => {
    const timeline = passportTimeline();
    expect(() => crossingSampleOf({ ...timeline, states: timeline.states.filter((s) => s.state !== 'open') }, 'passport')).toThrow(/no open state/);
  });

  it('looks for the clicks of the document asked for', () => {
    expect(() => crossingSampleOf(passportTimeline(), 'cccd')).toThrow(/no demo:scan-qr-cccd click/);
  });
});

describe('percentile', () => {
  it('takes the nearest rank: p90 of five runs is the slowest, of ten the slowest but one', () => {
    expect(percentile([3, 5, 1, 4, 2], 90)).toBe(5);
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 90)).toBe(9);
    expect(percentile([3, 1, 2], 50)).toBe(2);
  });

  it('refuses an empty list and a percentage outside 0 < p <= 100', () => {
    expect(() => percentile([], 90)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});
