// The CCCD's date of expiry, derived from the date of birth and the date of issue. The front QR has no
// expiry, but the chip's MRZ key needs it.
//
// Rule (Law on Citizen Identification 2014 Art. 21, Law on Identification 2023 Art. 21, in force
// 2024-07-01): a card is replaced at 14 (2023 law), 25, 40 and 60 years of age, and is valid until the
// holder reaches the next of those ages. A card issued within 2 years before such an age stays valid
// until the following one. A card issued from 58 on (within 2 years of 60, or later) has no expiry.
// Before the 2023 law no card was issued under 14, so using 14 for every card changes nothing.
//
// Where the card says "valid until the day the holder turns N", the MRZ has the N-th birthday (observed
// on public samples: born 05/01/YY, expiry 05/01/YY+40).
//
// Cards without expiry: what the chip's MRZ holds is not published. Other national ID cards for seniors
// print '<<<<<<' (check digit 0) in the expiry field (snifter/MRZCode.NET PR #3, Moldova); a common
// registry placeholder is 31/12/2099 ('991231'). Both are offered, in that order. Unconfirmed on CCCD.

import { CardError } from '../errors.ts';
import { MRZ_NO_EXPIRY } from '../lds/mrz/mrz-info.ts';
import { addDays, addYears, compareDates, parseIsoDate, toIsoDate, toMrzDate, type CivilDate } from './civil-date.ts';

export const RENEWAL_AGES = Object.freeze([14, 25, 40, 60] as const);
/** Years before a renewal age within which a new card skips that age. */
const GRACE_YEARS = 2;
/** How far an issue date may sit from a window edge and still make the other side a candidate. */
const EDGE_DAYS = 31;
/** Placeholder expiry some registries use for cards without expiry. */
export const NO_EXPIRY_PLACEHOLDER = '991231';

export type ExpiryReason = 'age-rule' | 'window-edge' | 'leap-day' | 'no-expiry';

export interface ExpiryCandidate {
  /** The MRZ expiry field: YYMMDD, or '<<<<<<' for a card without expiry. */
  readonly mrzDate: string;
  /** ISO date 'YYYY-MM-DD', or null for a card without expiry. */
  readonly date: string | null;
  /** Why this candidate is offered: the rule itself, or one of the ambiguities around it. */
  readonly reason: ExpiryReason;
}

/** The renewal age a card issued on `issue` runs to, or null when it has no expiry. */
function expiringAge(birth: CivilDate, issue: CivilDate): number | null {
  for (const age of RENEWAL_AGES) {
    // Issued before the window of this age: the card expires at this age.
    if (compareDates(issue, addYears(birth, age - GRACE_YEARS)) < 0) return age;
  }
  return null;
}

function toDate(value: CivilDate | string, field: string): CivilDate {
  if (typeof value !== 'string') return value;
  const d = parseIsoDate(value);
  if (!d) throw new CardError('INVALID_INPUT', `${field} must be a date YYYY-MM-DD`, { step: 'cccd.expiry' });
  return d;
}

/**
 * Candidate dates of expiry of a CCCD, most likely first, without duplicates: the age rule, then the
 * other side of a 2-year window when the issue date is within a month of its edge, the 1 March variant
 * of a 29 February birthday, and both no-expiry encodings when the card may have none.
 *
 * @param dateOfBirth ISO 'YYYY-MM-DD' or a CivilDate
 * @param dateOfIssue ISO 'YYYY-MM-DD' or a CivilDate
 * @throws CardError INVALID_INPUT (step 'cccd.expiry') on a malformed date or an issue before birth.
 */
export function expiryCandidates(dateOfBirth: CivilDate | string, dateOfIssue: CivilDate | string): readonly ExpiryCandidate[] {
  const birth = toDate(dateOfBirth, 'date of birth');
  const issue = toDate(dateOfIssue, 'date of issue');
  if (compareDates(issue, birth) < 0) {
    throw new CardError('INVALID_INPUT', 'date of issue is before the date of birth', { step: 'cccd.expiry' });
  }
  const ages: { age: number | null; reason: ExpiryReason }[] = [
    { age: expiringAge(birth, issue), reason: 'age-rule' },
    { age: expiringAge(birth, addDays(issue, -EDGE_DAYS)), reason: 'window-edge' },
    { age: expiringAge(birth, addDays(issue, EDGE_DAYS)), reason: 'window-edge' },
  ];
  return candidatesForAges(birth, ages);
}

/**
 * Candidates when the issue date is unknown (a QR variant without it): every renewal birthday still to
 * come on `today` (nearest first), then the no-expiry encodings when the holder is 58 or older.
 *
 * @throws CardError INVALID_INPUT on a malformed date of birth.
 */
export function expiryCandidatesWithoutIssue(dateOfBirth: CivilDate | string, today: CivilDate): readonly ExpiryCandidate[] {
  const birth = toDate(dateOfBirth, 'date of birth');
  const ages: { age: number | null; reason: ExpiryReason }[] = RENEWAL_AGES.filter((a) => compareDates(addYears(birth, a), today) >= 0).map(
    (age) => ({ age, reason: 'age-rule' as const }),
  );
  if (compareDates(today, addYears(birth, 60 - GRACE_YEARS)) >= 0) ages.push({ age: null, reason: 'age-rule' });
  return candidatesForAges(birth, ages);
}

function candidatesForAges(birth: CivilDate, ages: readonly { age: number | null; reason: ExpiryReason }[]): readonly ExpiryCandidate[] {
  const out: ExpiryCandidate[] = [];
  const add = (c: ExpiryCandidate) => {
    if (!out.some((o) => o.mrzDate === c.mrzDate)) out.push(Object.freeze(c));
  };
  for (const { age, reason } of ages) {
    if (age === null) {
      add({ mrzDate: MRZ_NO_EXPIRY, date: null, reason: reason === 'age-rule' ? 'no-expiry' : reason });
      add({ mrzDate: NO_EXPIRY_PLACEHOLDER, date: null, reason: 'no-expiry' });
      continue;
    }
    const expiry = addYears(birth, age, 'feb28');
    add({ mrzDate: toMrzDate(expiry), date: toIsoDate(expiry), reason });
    if (birth.month === 2 && birth.day === 29) {
      const march = addYears(birth, age, 'mar1');
      add({ mrzDate: toMrzDate(march), date: toIsoDate(march), reason: 'leap-day' });
    }
  }
  return Object.freeze(out);
}
