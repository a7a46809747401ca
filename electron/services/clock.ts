import { localDate } from '../../shared/sessions/dates';

/**
 * The one source of time for the services (issue 15 §4), given once where they are put
 * together (the session, the CLI, the demo) and passed down: each workspace is opened on it
 * (ws.clock), its transactions stamp their events with it, the rules that depend on the day
 * (overdue, expiring, due) read "today" from it, and packets, minutes, identities, the
 * recent list and the writer lock are dated by it. The app runs on the system clock; tests
 * open their workspaces on a stopped or day clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one moment. */
export function clockAt(moment: Date | string): Clock {
  const at = new Date(moment);
  return { now: () => new Date(at) };
}

/** A clock stopped at midday, local time, of a day: "today" is that day in any time zone. */
export function clockOnDay(day: string): Clock {
  return clockAt(new Date(`${day}T12:00:00`));
}

/** The local calendar day of the clock: what "today" means to the person at the machine. */
export function todayOf(clock: Clock = systemClock): string {
  return localDate(clock.now());
}
