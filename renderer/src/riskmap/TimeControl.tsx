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

/**
 * A slider over the moments the map changed: each step is the map just after one audited
 * change, and the right end, the last change, is now. The analyst walks the cycle's
 * history change by change. The list of moments grows with every score, so it is fetched
 * when the analyst reaches for the control, not on every change the live map receives.
 */
export function TimeControl({ asOf, onAsOf }: Props) {
  const { client } = useApi();
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const refresh = () => {
    if (asOf === null) void client.call('heatmap.timeline', {}).then(setTimeline);
  };
  const events = timeline?.events ?? [];
  // Until the moments arrive the thumb rests at "now", the right end.
  const nowIndex = timeline === null ? 1 : Math.max(0, events.length - 1);
  const index = asOf === null ? nowIndex : Math.max(0, events.findIndex((e) => e.at === asOf));
  const event = index < nowIndex ? events[index] : undefined;
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
        aria-valuetext={event ? `after change ${index + 1} of ${events.length}: ${auditActionWords(event.action)} ${event.entityId}, ${event.at}` : 'now'}
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
