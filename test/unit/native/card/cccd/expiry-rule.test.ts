import { describe, expect, it } from 'vitest';
import { civilDate } from '../../../../../native/card/cccd/civil-date.ts';
import { expiryCandidates, expiryCandidatesWithoutIssue } from '../../../../../native/card/cccd/expiry-rule.ts';
import { CardError } from '../../../../../native/card/errors.ts';

const dates = (birth: string, issue: string) => expiryCandidates(birth, issue).map((c) => c.mrzDate);

describe('expiryCandidates', () => {
  it('gives the 25th birthday to a card issued at 22', () => {
    expect(expiryCandidates('1999-03-15', '2021-05-10')).toEqual([{ mrzDate: '240315', date: '2024-03-15', reason: 'age-rule' }]);
  });

  it('skips to 40 for a card issued at 23 years 11 months (within 2 years of 25)', () => {
    expect(dates('2000-06-20', '2024-05-20')).toEqual(['400620']);
  });

  it('skips to 40 for a card issued at 24', () => {
    expect(dates('2000-06-20', '2024-06-20')).toEqual(['400620']);
  });

  it('offers the other side when the issue date is on the edge of the 2-year window', () => {
    expect(expiryCandidates('2000-06-20', '2023-06-20')).toEqual([
      { mrzDate: '400620', date: '2040-06-20', reason: 'age-rule' },
      { mrzDate: '250620', date: '2025-06-20', reason: 'window-edge' },
    ]);
    expect(dates('2000-06-20', '2023-06-19')).toEqual(['250620', '400620']);
  });

  it('gives the 60th birthday to a card issued at 45', () => {
    expect(dates('1979-11-02', '2024-12-01')).toEqual(['391102']);
  });

  it('has no expiry for a card issued at 59, offering both encodings', () => {
    expect(expiryCandidates('1965-01-10', '2024-02-01')).toEqual([
      { mrzDate: '<<<<<<', date: null, reason: 'no-expiry' },
      { mrzDate: '991231', date: null, reason: 'no-expiry' },
    ]);
  });

  it('prefers the 60th birthday but offers no expiry for a card issued a few days before 58', () => {
    expect(dates('1966-03-01', '2024-02-20')).toEqual(['260301', '<<<<<<', '991231']);
  });

  it('has no expiry for a card issued after 60', () => {
    expect(dates('1950-07-07', '2021-07-07')).toEqual(['<<<<<<', '991231']);
  });

  it('runs a child card to 14 (Law on Identification 2023)', () => {
    expect(dates('2015-05-05', '2024-08-01')).toEqual(['290505']);
  });

  it('runs a card issued at 12 and a half to 25', () => {
    expect(dates('2012-01-15', '2024-07-15')).toEqual(['370115']);
  });

  it('gives 28 February first and 1 March second to a 29 February birthday', () => {
    expect(expiryCandidates('2004-02-29', '2022-01-10')).toEqual([
      { mrzDate: '290228', date: '2029-02-28', reason: 'age-rule' },
      { mrzDate: '290301', date: '2029-03-01', reason: 'leap-day' },
    ]);
  });

  it('keeps 29 February when the renewal year is a leap year', () => {
    expect(dates('1984-02-29', '2020-03-01')).toEqual(['240229']);
  });

  it('accepts CivilDate values', () => {
    expect(expiryCandidates(civilDate(1999, 3, 15)!, civilDate(2021, 5, 10)!)[0]!.mrzDate).toBe('240315');
  });

  it.each([
    ['an issue before birth', '2000-01-01', '1999-12-31'],
    ['a malformed date', '2000-02-30', '2020-01-01'],
    ['a date in another format', '15/03/1999', '2020-01-01'],
  ])('rejects %s with INVALID_INPUT', (_what, birth, issue) => {
    expect(() => expiryCandidates(birth, issue)).toThrow(CardError);
  });

  it('returns frozen candidates', () => {
    const c = expiryCandidates('1999-03-15', '2021-05-10');
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c[0])).toBe(true);
  });
});

describe('expiryCandidatesWithoutIssue', () => {
  it('offers every renewal birthday still to come, nearest first', () => {
    expect(expiryCandidatesWithoutIssue('1990-01-01', civilDate(2026, 1, 1)!).map((c) => c.mrzDate)).toEqual(['300101', '500101']);
  });

  it('adds the no-expiry encodings from 58 on', () => {
    expect(expiryCandidatesWithoutIssue('1967-06-01', civilDate(2026, 1, 1)!).map((c) => c.mrzDate)).toEqual(['270601', '<<<<<<', '991231']);
  });
});
