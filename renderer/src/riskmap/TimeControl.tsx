import type { CallResult } from '../../../shared/contract/calls';
import { formatMoment } from '../format/dates';

interface Props {
  timeline: CallResult<'heatmap.timeline'>;
  asOf: string | null;
  onAsOf(at: string | null): void;
}

/**
 * A slider over the moments the map changed: each step is the map just after one audited
 * change, and the right end, the last change, is now. The analyst walks the cycle's
 * history change by change.
 */
export function TimeControl({ timeline, asOf, onAsOf }: Props) {
  const events = timeline.events;
  const nowIndex = Math.max(0, events.length - 1);
  const index = asOf === null ? nowIndex : Math.max(0, events.findIndex((e) => e.at === asOf));
  const event = index < nowIndex ? events[index] : undefined;
  return (
    <div className="time-control">
      <label htmlFor="time-slider">Time</label>
      <input
        id="time-slider"
        type="range"
        min={0}
        max={nowIndex}
        value={index}
        aria-valuetext={event ? `after change ${index + 1} of ${events.length}: ${event.action} ${event.entityId}, ${event.at}` : 'now'}
        onChange={(e) => {
          const i = Number(e.target.value);
          onAsOf(i >= nowIndex ? null : (events[i]?.at ?? null));
        }}
      />
      <span className="time-label">
        {event ? (
          <>
            <time dateTime={event.at} title={event.at}>
              {formatMoment(event.at)}
            </time>{' '}
            <span className="muted">
              after {event.action} {event.entityId} by {event.actor}
            </span>
          </>
        ) : (
          'Now'
        )}
      </span>
    </div>
  );
}
