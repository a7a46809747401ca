/**
 * Dates on screen are local and readable; the ISO form stays available on hover (UI.md).
 * A period day ('2026-07-01') is a calendar date, not an instant: it is built from its
 * parts so that a time zone west of UTC does not show it as the day before.
 */

export interface DateStyle {
  locale?: string;
  timeZone?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatDay(iso: string, style: DateStyle = {}): string {
  const parts = DAY.exec(iso);
  if (!parts) return iso;
  const day = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  return new Intl.DateTimeFormat(style.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(day);
}

export function formatMoment(iso: string, style: DateStyle = {}): string {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return iso;
  return new Intl.DateTimeFormat(style.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: style.timeZone }).format(moment);
}

/** The local calendar day of an instant, for a column with no room for the time (the time goes on hover). */
export function formatDate(iso: string, style: DateStyle = {}): string {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return iso;
  return new Intl.DateTimeFormat(style.locale, { dateStyle: 'medium', timeZone: style.timeZone }).format(moment);
}

export interface PeriodText {
  text: string;
  /** The ISO form for the hover title, or null when there is no period. */
  iso: string | null;
}

export function formatPeriod(start: string | null, end: string | null, style: DateStyle = {}): PeriodText {
  if (start && end) return { text: `${formatDay(start, style)} – ${formatDay(end, style)}`, iso: `${start}/${end}` };
  if (start) return { text: `From ${formatDay(start, style)}`, iso: `${start}/..` };
  if (end) return { text: `Until ${formatDay(end, style)}`, iso: `../${end}` };
  return { text: 'No period set', iso: null };
}
