import { describe, expect, it } from 'vitest';
import { MrzLineGrouper, type GroupedScan, type GrouperTimers } from '../../../../../../native/drivers/serial/scanner/mrz-line-grouper.ts';
import { CCCD_MRZ_LINES, PASSPORT_MRZ_LINES } from '../../../../../helpers/serial-fixtures.ts';

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let id = 0;
  const timers: GrouperTimers = {
    setTimeout: (fn) => (pending.set(++id, fn), id),
    clearTimeout: (h) => void pending.delete(h as number),
  };
  return { timers, fire: () => [...pending.entries()].forEach(([k, fn]) => (pending.delete(k), fn())), get count() { return pending.size; } };
}

function grouper() {
  const out: GroupedScan[] = [];
  const clock = manualTimers();
  return { out, clock, g: new MrzLineGrouper((s) => out.push(s), 300, clock.timers) };
}

describe('MrzLineGrouper', () => {
  it('groups the three 30-character lines of a TD1 MRZ', () => {
    const { out, g, clock } = grouper();
    CCCD_MRZ_LINES.forEach((l) => g.push(l));
    expect(out).toEqual([{ kind: 'mrz', lines: CCCD_MRZ_LINES }]);
    expect(clock.count).toBe(0);
  });

  it('groups the two 44-character lines of a TD3 MRZ', () => {
    const { out, g } = grouper();
    PASSPORT_MRZ_LINES.forEach((l) => g.push(l));
    expect(out).toEqual([{ kind: 'mrz', lines: PASSPORT_MRZ_LINES }]);
  });

  it('takes an MRZ sent as one line as complete', () => {
    const { out, g } = grouper();
    g.push(CCCD_MRZ_LINES.join(''));
    expect(out).toEqual([{ kind: 'mrz', lines: [CCCD_MRZ_LINES.join('')] }]);
  });

  it('reports MRZ_INCOMPLETE when the next line does not come within the inter-line timeout', () => {
    const { out, g, clock } = grouper();
    g.push(CCCD_MRZ_LINES[0]!);
    g.push(CCCD_MRZ_LINES[1]!);
    clock.fire();
    expect(out).toHaveLength(1);
    expect(out[0]!.kind === 'error' && out[0]!.error.code).toBe('MRZ_INCOMPLETE');
    g.push(CCCD_MRZ_LINES[2]!);
    clock.fire();
    expect(out).toHaveLength(2);
  });

  it('ends a group when a line of another length arrives, then starts the next one', () => {
    const { out, g } = grouper();
    g.push(CCCD_MRZ_LINES[0]!);
    PASSPORT_MRZ_LINES.forEach((l) => g.push(l));
    expect(out.map((s) => s.kind)).toEqual(['error', 'mrz']);
  });

  it('passes non-MRZ text on and lets a lone filler-free line of MRZ length through as text', () => {
    const { out, g, clock } = grouper();
    g.push('https://example.org/x');
    g.push('123456789012345678901234567890');
    clock.fire();
    expect(out).toEqual([
      { kind: 'text', text: 'https://example.org/x' },
      { kind: 'text', text: '123456789012345678901234567890' },
    ]);
  });
});
