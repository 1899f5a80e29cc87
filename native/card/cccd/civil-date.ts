// Calendar dates without time or zone, as printed on ID cards. Age arithmetic on them must not depend on
// the kiosk's time zone, so nothing here touches Date except `civilDateOf` (an explicit conversion).

export interface CivilDate {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  /** 1-31 */
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** A frozen CivilDate, or undefined when the day does not exist. */
export function civilDate(year: number, month: number, day: number): CivilDate | undefined {
  if (![year, month, day].every(Number.isInteger) || year < 1 || year > 9999 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return Object.freeze({ year, month, day });
}

/** 'YYYY-MM-DD' to a CivilDate, or undefined. */
export function parseIsoDate(text: string): CivilDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? civilDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** 'ddMMyyyy' or 'dd/MM/yyyy' (how Vietnamese cards print dates) to a CivilDate, or undefined. */
export function parseVietnameseDate(text: string): CivilDate | undefined {
  const m = /^(\d{2})\/?(\d{2})\/?(\d{4})$/.exec(text);
  return m ? civilDate(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
}

export function toIsoDate(d: CivilDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** YYMMDD as in the MRZ (ICAO 9303-3 §4.7). */
export function toMrzDate(d: CivilDate): string {
  return `${String(d.year % 100).padStart(2, '0')}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The same day `years` later. 29 February in a year without one becomes 28 February ('feb28', what
 * Java, .NET and most registries do) or 1 March ('mar1', what JavaScript's Date does).
 */
export function addYears(d: CivilDate, years: number, leapDay: 'feb28' | 'mar1' = 'feb28'): CivilDate {
  const year = d.year + years;
  if (d.month === 2 && d.day === 29 && !isLeapYear(year)) {
    return leapDay === 'feb28' ? Object.freeze({ year, month: 2, day: 28 }) : Object.freeze({ year, month: 3, day: 1 });
  }
  return Object.freeze({ year, month: d.month, day: d.day });
}

export function addDays(d: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return Object.freeze({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/** The local calendar date of a Date (the kiosk's clock). */
export function civilDateOf(date: Date): CivilDate {
  return Object.freeze({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });
}
