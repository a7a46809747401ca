import type { AcceptanceState, ActionStatus, RecordedStatus } from './session';

/** How close to its expiry an acceptance shows as expiring (the acceptance register's window). */
export const EXPIRING_WITHIN_DAYS = 30;

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const t = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((t(to) - t(from)) / 86_400_000);
}

/**
 * Overdue is derived, never stored: an open action whose due date is before today. An
 * action due today is still open today.
 */
export function actionStatus(recorded: RecordedStatus, due: string, today: string): ActionStatus {
  if (recorded === 'done') return 'done';
  return due < today ? 'overdue' : 'open';
}

/** An acceptance holds through its expiry day; within 30 days of it, it is expiring. */
export function acceptanceState(expiry: string, today: string, withinDays = EXPIRING_WITHIN_DAYS): AcceptanceState {
  if (expiry < today) return 'expired';
  return daysBetween(today, expiry) <= withinDays ? 'expiring' : 'active';
}
