import { useEffect, useRef, useState } from 'react';
import type { CallResult } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { formatMoment } from '../format/dates';
import { auditActionWords } from '../../../shared/text/auditWords';

/** Where the map stands: a moment of this cycle or, left of its start, of the predecessor. */
export interface MapMoment {
  at: string;
  /** True when the moment belongs to the predecessor cycle, read from its file. */
  previous: boolean;
}

interface Props {
  moment: MapMoment | null;
  onMoment(moment: MapMoment | null): void;
}

type Timeline = CallResult<'heatmap.timeline'>;
type Lineage = CallResult<'cycle.lineage'>;
type Step = Timeline['events'][number] & { previous: boolean };

/** The steps of the slider, oldest first: the predecessor's changes, then this cycle's. */
interface Steps {
  list: Step[];
  /** How many of them are the predecessor's. */
  earlier: number;
}

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
 * history change by change and, when the cycle was started from another whose file lies
 * beside it, on past its start into the predecessor's (issue 11 §5). The list of moments
 * grows with every score, so it is fetched when the analyst reaches for the control, not
 * on every change the live map receives; the predecessor's is fetched once, as its file
 * is closed history. The keys are handled here, not by the range input: a key pressed
 * before the moments arrive steps from now (not from a placeholder range), and changes
 * made in the same moment are still one step each (the position is kept, not found again by time).
 */
export function TimeControl({ moment, onMoment }: Props) {
  const { client } = useApi();
  const [steps, setSteps] = useState<Steps | null>(null);
  const [lineage, setLineage] = useState<Lineage | null>(null);
  // Why the predecessor's file, though recorded, could not be read (another cycle's file under its name, say).
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const earlier = useRef<Promise<Timeline['events']> | null>(null);
  // The step the thumb stands on; several changes can share one moment, so the time alone does not say which.
  const [pos, setPos] = useState<number | null>(null);

  // Asked for once; the moments wait for it, so a control reached for at once still steps into the predecessor.
  const lineageCall = useRef<Promise<Lineage | null>>(Promise.resolve(null));
  useEffect(() => {
    lineageCall.current = client.call('cycle.lineage', {}).then(
      (l) => l,
      () => null,
    );
    void lineageCall.current.then(setLineage);
  }, [client]);

  const predecessor = lineage?.predecessor ?? null;
  const earlierEvents = async (): Promise<Timeline['events']> => {
    const known = await lineageCall.current;
    if (!known?.predecessor || !known.predecessorPresent) return [];
    earlier.current ??= client.call('heatmap.previous', {}).then(
      (p) => p.timeline.events,
      (err: unknown) => {
        setUnreadable(asCallError(err).message);
        return [];
      },
    );
    return earlier.current;
  };
  const load = (): Promise<Steps> =>
    Promise.all([client.call('heatmap.timeline', {}), earlierEvents()]).then(([own, before]) => {
      const next = { list: [...before.map((e) => ({ ...e, previous: true })), ...own.events.map((e) => ({ ...e, previous: false }))], earlier: before.length };
      setSteps(next);
      return next;
    });
  const refresh = () => {
    if (moment === null) void load();
  };

  const list = steps?.list ?? [];
  const before = steps?.earlier ?? 0;
  // Until the moments arrive the thumb rests at "now", the right end.
  const nowIndex = steps === null ? 1 : Math.max(0, list.length - 1);
  const standsOn = (s: Step | undefined) => s !== undefined && moment !== null && s.at === moment.at && s.previous === moment.previous;
  const index = moment === null ? nowIndex : pos !== null && standsOn(list[pos]) ? pos : Math.max(0, list.findIndex(standsOn));
  const step = index < nowIndex ? list[index] : undefined;
  const moveTo = (all: Step[], i: number) => {
    const now = Math.max(0, all.length - 1);
    const to = all[i];
    setPos(i >= now ? null : i);
    onMoment(i >= now || !to ? null : { at: to.at, previous: to.previous });
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (steps === null) {
      if (keyStep(e.key, 1, 1) === null) return;
      e.preventDefault();
      const key = e.key;
      void load().then((s) => {
        const now = Math.max(0, s.list.length - 1);
        const to = keyStep(key, now, now);
        if (to !== null) moveTo(s.list, to);
      });
      return;
    }
    const to = keyStep(e.key, index, nowIndex);
    if (to === null) return;
    e.preventDefault();
    if (to !== index) moveTo(list, to);
  };
  const cycleName = predecessor?.name ?? '';
  // Changes are counted within their own cycle: "change 3 of 40" of this cycle, or of the predecessor.
  const where = (s: Step) =>
    s.previous ? `${cycleName}, previous cycle: after change ${index + 1} of ${before}` : `after change ${index - before + 1} of ${list.length - before}`;
  const absent = predecessor && lineage && !lineage.predecessorPresent;
  return (
    <>
      <div className="time-control" onPointerEnter={refresh}>
        <label htmlFor="time-slider">Time</label>
        <input
          id="time-slider"
          type="range"
          min={0}
          max={nowIndex}
          value={index}
          disabled={steps === null && moment !== null}
          onFocus={refresh}
          onKeyDown={onKeyDown}
          aria-valuetext={step ? `${where(step)}: ${auditActionWords(step.action)} ${step.entityId}, ${step.at}` : 'now'}
          onChange={(e) => moveTo(list, Number(e.target.value))}
          list={before > 0 ? 'time-slider-cycles' : undefined}
        />
        {before > 0 && (
          // A tick where this cycle starts: left of it, the predecessor's moments.
          <datalist id="time-slider-cycles">
            <option value={before} label="Start of this cycle" />
          </datalist>
        )}
        <span className="time-label">
          {step ? (
            <>
              {step.previous && <strong>{cycleName} · previous cycle · </strong>}
              <time dateTime={step.at} title={step.at}>
                {formatMoment(step.at)}
              </time>{' '}
              <span className="muted">
                after {auditActionWords(step.action)}: {step.entityId}, by {step.actor}
              </span>
            </>
          ) : (
            'Now'
          )}
        </span>
      </div>
      {absent && (
        <p className="muted">
          {predecessor.name}, the previous cycle, cannot be stepped into: its file {predecessor.file} is not beside this workspace. Put it there to walk back past the start of this cycle.
        </p>
      )}
      {unreadable !== null && (
        <p className="muted">
          {cycleName}, the previous cycle, cannot be stepped into: {unreadable}
        </p>
      )}
    </>
  );
}
