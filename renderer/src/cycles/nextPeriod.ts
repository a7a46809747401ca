import { addDays, isIsoDate, localDate } from '../../../shared/sessions/dates';
import { daysBetween } from '../../../shared/sessions/followUp';

/**
 * What the "Start next cycle" dialog offers before the analyst types anything: boards
 * meet quarterly, so the next cycle is the quarter after the one that ends, named and
 * filed like the one before it when its name and file follow a pattern.
 */

export interface NextCycleDraft {
  name: string;
  periodStart: string;
  periodEnd: string;
  file: string;
}

interface Predecessor {
  name: string;
  path: string;
  periodStart: string | null;
  periodEnd: string | null;
}

function parseDay(iso: string): Date | null {
  return isIsoDate(iso) ? new Date(`${iso}T00:00:00Z`) : null;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The last day of the three months that begin on `start` (a quarter when it starts on one). */
function quarterEnd(start: Date): Date {
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, start.getUTCDate() - 1));
}

const quarterOf = (d: Date) => Math.floor(d.getUTCMonth() / 3) + 1;

/** The quarter letter as written (a file named q3.mrb is followed by q4.mrb, not Q4.mrb). */
const letter = (match: string) => (match.includes('q') ? 'q' : 'Q');

/** "Q3 2026" → "Q4 2026", "2026-Q4 review" → "2027-Q1 review"; null when the name holds no quarter. */
function nextQuarterName(name: string): string | null {
  const withYearAfter = /\bQ([1-4])(\s*[-/ ]?\s*)(\d{4})\b/i.exec(name);
  if (withYearAfter) {
    const q = Number(withYearAfter[1]);
    const year = Number(withYearAfter[3]) + (q === 4 ? 1 : 0);
    return name.replace(withYearAfter[0], `${letter(withYearAfter[0])}${q === 4 ? 1 : q + 1}${withYearAfter[2]}${year}`);
  }
  const withYearBefore = /\b(\d{4})(\s*[-/ ]?\s*)Q([1-4])\b/i.exec(name);
  if (withYearBefore) {
    const q = Number(withYearBefore[3]);
    const year = Number(withYearBefore[1]) + (q === 4 ? 1 : 0);
    return name.replace(withYearBefore[0], `${year}${withYearBefore[2]}${letter(withYearBefore[0])}${q === 4 ? 1 : q + 1}`);
  }
  const bare = /\bQ([1-4])\b/i.exec(name);
  if (bare) {
    const q = Number(bare[1]);
    return name.replace(bare[0], `${letter(bare[0])}${q === 4 ? 1 : q + 1}`);
  }
  return null;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'next-cycle'
  );
}

/**
 * The next cycle's name, period and file, from the cycle that ends. Without a period end
 * the next quarter after `today` is offered; the file lands beside the predecessor's.
 */
export function draftNextCycle(from: Predecessor, today: string): NextCycleDraft {
  const dayAfter = from.periodEnd !== null && isIsoDate(from.periodEnd) ? addDays(from.periodEnd, 1) : null;
  const todayDate = parseDay(today) ?? new Date();
  const start = dayAfter ? new Date(`${dayAfter}T00:00:00Z`) : new Date(Date.UTC(todayDate.getUTCFullYear(), (quarterOf(todayDate) - 1) * 3 + 3, 1));
  const name = nextQuarterName(from.name) ?? `Q${quarterOf(start)} ${start.getUTCFullYear()}`;
  const slash = Math.max(from.path.lastIndexOf('/'), from.path.lastIndexOf('\\'));
  const folder = slash >= 0 ? from.path.slice(0, slash + 1) : '';
  const base = slash >= 0 ? from.path.slice(slash + 1) : from.path;
  const renamed = nextQuarterName(base.replace(/\.mrb$/i, ''));
  const file = `${folder}${renamed && renamed.toLowerCase() !== base.replace(/\.mrb$/i, '').toLowerCase() ? renamed : slug(name)}.mrb`;
  return { name, periodStart: isoDay(start), periodEnd: isoDay(quarterEnd(start)), file };
}

/** Whole days from `today` to `day` (negative once it has passed); null without a day. */
export function daysUntil(day: string | null, today: string): number | null {
  if (day === null || !isIsoDate(day) || !isIsoDate(today)) return null;
  return daysBetween(today, day);
}

/** The cycle's period has ended or ends within 30 days: the moment to start the next one. */
export function nextCycleIsDue(periodEnd: string | null, today: string): boolean {
  const days = daysUntil(periodEnd, today);
  return days !== null && days <= 30;
}

/** Today as the analyst's calendar counts it (local date, not UTC). */
export function localToday(now = new Date()): string {
  return localDate(now);
}
