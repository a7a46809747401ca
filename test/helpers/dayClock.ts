import type { Clock } from '../../electron/services/clock';
import type { Workspace } from '../../electron/services/store/workspace';

/**
 * The services' clock as the tests stand it: on a chosen day (from its local midday), and
 * running, so the audit events of a test keep the order and spacing real writes have.
 * A story that spans days moves it with setDay.
 */
export class DayClock implements Clock {
  private readonly started = Date.now();
  private midday = 0;

  constructor(day: string) {
    this.setDay(day);
  }

  /** Moves to another day; the time of day runs on, so a write made later never reads earlier than one before on the same day. */
  setDay(day: string): void {
    this.midday = new Date(`${day}T12:00:00`).getTime();
  }

  now(): Date {
    return new Date(this.midday + (Date.now() - this.started));
  }
}

/** The day clock a test workspace was opened with, to move it. */
export function dayClockOf(ws: Workspace): DayClock {
  if (!(ws.clock instanceof DayClock)) throw new Error(`${ws.path} was not opened on a test's day clock.`);
  return ws.clock;
}
