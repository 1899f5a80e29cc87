import { describe, expect, it } from 'vitest';
import { formatTable, median } from '../../bench/text-table.ts';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('takes the mean of the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('formatTable', () => {
  it('pads labels on the right and numbers on the left under a rule as wide as each column', () => {
    const text = formatTable([{ header: 'row', align: 'left' }, { header: 'APDUs' }], [['adaptive', '18'], ['fixed', '122']]);
    expect(text.split('\n')).toEqual(['row       APDUs', '--------  -----', 'adaptive     18', 'fixed       122']);
  });
});
