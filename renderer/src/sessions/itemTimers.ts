import { useEffect, useState } from 'react';

/**
 * How long the board has spent on each agenda item, kept per item for as long as the page
 * lives: leaving an item pauses its clock, coming back resumes it, and stepping out of
 * chairing mode (or to another place) does not lose it. Kept outside React because the
 * chairing view mounts and unmounts while the meeting goes on.
 */
interface SessionClock {
  current: string | null;
  since: number;
  spent: Map<string, number>;
}

const clocks = new Map<string, SessionClock>();

function clockOf(sessionId: string): SessionClock {
  let clock = clocks.get(sessionId);
  if (!clock) {
    clock = { current: null, since: Date.now(), spent: new Map() };
    clocks.set(sessionId, clock);
  }
  return clock;
}

/** Moves the session's clock to `itemId` (the item the session has as current, whoever set it). */
function follow(sessionId: string, itemId: string | null, now: number): void {
  const clock = clockOf(sessionId);
  if (clock.current === itemId) return;
  if (clock.current !== null) clock.spent.set(clock.current, (clock.spent.get(clock.current) ?? 0) + now - clock.since);
  clock.current = itemId;
  clock.since = now;
}

/** Milliseconds spent on an item so far, counting the running stretch when it is current. */
export function timeOn(sessionId: string, itemId: string, now = Date.now()): number {
  const clock = clockOf(sessionId);
  const spent = clock.spent.get(itemId) ?? 0;
  return clock.current === itemId ? spent + now - clock.since : spent;
}

/** Keeps the session's clock on its current item; used where the session is on screen, chairing or not. */
export function useFollowCurrentItem(sessionId: string, currentItemId: string | null): void {
  useEffect(() => follow(sessionId, currentItemId, Date.now()), [sessionId, currentItemId]);
}

/** Now, moved every second: what the chairing view redraws its timers with. */
export function useSecondTick(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);
  return now;
}
