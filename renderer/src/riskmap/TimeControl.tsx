import { useState } from 'react';
import type { CallResult } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { formatMoment } from '../format/dates';
import { auditActionWords } from '../../../shared/text/auditWords';

interface Props {
  asOf: string | null;
  onAsOf(at: string | null): void;
}

type Timeline = CallResult<'heatmap.timeline'>;

/** The step a key takes on the slider, from where it stands; null for a key that is not a step. */
function keyStep(key: string, index: number, last: number): number | null {
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  if (key === 'ArrowLeft' || key === 'ArrowDown') return clamp(index - 1);
  if (key === 'ArrowRight' || key === 'ArrowUp') return clamp(index + 1);
  if (key === 'PageDown') return clamp(index - 10);
  if (key === 'PageUp') return clamp(index + 10);
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  return null;
}

/**
 * A slider over the moments the map changed: each step is the map just after one audited
 * change, and the right end, the last change, is now. The analyst walks the cycle's
 * history change by change. The list of moments grows with every score, so it is fetched
 * when the analyst reaches for the control, not on every change the live map receives.
 * The keys are handled here, not by the range input: a key pressed before the moments
 * arrive steps from now (not from a placeholder range), and changes made in the same
 * moment are still one step each (the position is kept, not found again by time).
 */
export function TimeControl({ asOf, onAsOf }: Props) {
  const { client } = useApi();
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  // The step the thumb stands on; several changes can share one moment, so the time alone does not say which.
  const [pos, setPos] = useState<number | null>(null);
  const refresh = () => {
    if (asOf === null) void client.call('heatmap.timeline', {}).then(setTimeline);
  };
  const events = timeline?.events ?? [];
  // Until the moments arrive the thumb rests at "now", the right end.
  const nowIndex = timeline === null ? 1 : Math.max(0, events.length - 1);
  const index = asOf === null ? nowIndex : pos !== null && events[pos]?.at === asOf ? pos : Math.max(0, events.findIndex((e) => e.at === asOf));
  const event = index < nowIndex ? events[index] : undefined;
  const moveTo = (list: Timeline['events'], i: number) => {
    const now = Math.max(0, list.length - 1);
    setPos(i >= now ? null : i);
    onAsOf(i >= now ? null : (list[i]?.at ?? null));
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (timeline === null) {
      if (keyStep(e.key, 1, 1) === null) return;
      e.preventDefault();
      const key = e.key;
      void client.call('heatmap.timeline', {}).then((t) => {
        setTimeline(t);
        const now = Math.max(0, t.events.length - 1);
        const to = keyStep(key, now, now);
        if (to !== null) moveTo(t.events, to);
      });
      return;
    }
    const to = keyStep(e.key, index, nowIndex);
    if (to === null) return;
    e.preventDefault();
    if (to !== index) moveTo(events, to);
  };
  return (
    <div className="time-control" onPointerEnter={refresh}>
      <label htmlFor="time-slider">Time</label>
      <input
        id="time-slider"
        type="range"
        min={0}
        max={nowIndex}
        value={index}
        disabled={timeline === null && asOf !== null}
        onFocus={refresh}
        onKeyDown={onKeyDown}
        aria-valuetext={event ? `after change ${index + 1} of ${events.length}: ${auditActionWords(event.action)} ${event.entityId}, ${event.at}` : 'now'}
        onChange={(e) => moveTo(events, Number(e.target.value))}
      />
      <span className="time-label">
        {event ? (
          <>
            <time dateTime={event.at} title={event.at}>
              {formatMoment(event.at)}
            </time>{' '}
            <span className="muted">
              after {auditActionWords(event.action)}: {event.entityId}, by {event.actor}
            </span>
          </>
        ) : (
          'Now'
        )}
      </span>
    </div>
  );
}
