// The ring of recent errors the diagnostics screen shows.

import { describe, expect, it } from 'vitest';
import { errorCodeOf, RecentErrors, truncateText } from '../../../../../electron/core/app/recent-errors.ts';
import { IdentifierSchema } from '../../../../../electron/contract/index.ts';

describe('RecentErrors', () => {
  it('lists errors newest first with their time', () => {
    let now = 1000;
    const errors = new RecentErrors({ now: () => now });
    errors.add('CARD_REMOVED', 'card removed during read.DG2');
    now = 2000;
    errors.add('PAPER_OUT', 'printer: paper out');

    expect(errors.list()).toEqual([
      { at: 2000, code: 'PAPER_OUT', message: 'printer: paper out' },
      { at: 1000, code: 'CARD_REMOVED', message: 'card removed during read.DG2' },
    ]);
  });

  it('keeps the last 50', () => {
    const errors = new RecentErrors();
    for (let i = 0; i < 75; i++) errors.add(`E${i}`, 'x');

    expect(errors.list()).toHaveLength(50);
    expect(errors.list()[0]?.code).toBe('E74');
    expect(errors.list()[49]?.code).toBe('E25');
  });

  it('cuts messages to 500 characters and makes codes contract identifiers', () => {
    const errors = new RecentErrors();
    errors.add('sync error/HTTP 503', 'm'.repeat(2000));
    errors.add('', 'no code');
    const [noCode, sync] = errors.list();

    expect(sync?.message).toHaveLength(500);
    expect(sync?.message.endsWith('…')).toBe(true);
    expect(sync?.code).toBe('sync_error_HTTP_503');
    expect(noCode?.code).toBe('UNKNOWN');
    for (const e of errors.list()) expect(IdentifierSchema.safeParse(e.code).success).toBe(true);
  });

  it('tells listeners about each error', () => {
    const errors = new RecentErrors();
    const seen: string[] = [];
    errors.onDidAdd((e) => seen.push(e.code));
    errors.add('A', 'a');
    expect(seen).toEqual(['A']);
  });
});

describe('errorCodeOf and truncateText', () => {
  it('never produce an invalid identifier or split a surrogate pair', () => {
    expect(errorCodeOf('--x')).toBe('x');
    expect(errorCodeOf('Ä')).toBe('UNKNOWN');
    expect(errorCodeOf(`X${'Ä'.repeat(100)}`)).toHaveLength(64);
    expect(IdentifierSchema.safeParse(errorCodeOf(`X${'Ä'.repeat(100)}`)).success).toBe(true);
    const cut = truncateText(`${'a'.repeat(8)}😀😀`, 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).toBe(`${'a'.repeat(8)}…`);
  });
});
