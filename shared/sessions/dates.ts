/**
 * Calendar dates as ISO `YYYY-MM-DD` strings. A board works in days, not instants: a
 * condition is due on a day, an acceptance expires on a day, and "today" is the chair's
 * local day. Strings of this shape sort in date order, so comparisons are plain `<`.
 */

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST surprises.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar day written as YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const m = SHAPE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parts(date: string): [number, number, number] {
  const m = SHAPE.exec(date);
  if (!m) throw new RangeError(`${date} is not a date as YYYY-MM-DD`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The same day `months` calendar months later; when that month is shorter, its last day
 * (2026-01-31 + 1 month = 2026-02-28), as people count "one month after the 31st".
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The local calendar day of an instant: what "today" means to the person at the machine. */
export function localDate(now: Date): string {
  return format(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
