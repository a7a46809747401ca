import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Dimension } from '../../../shared/domain/taxonomy';
import type { PaletteName } from '../../../shared/scoring/colourScale';
import { moveItem } from '../../../shared/sessions/agenda';
import { OUTCOME_WORDS, type AgendaItem, type Decision, type SessionDetail } from '../../../shared/sessions/session';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { useCall } from '../api/useCall';
import { FormError } from '../forms/Field';
import { formatDay } from '../format/dates';
import { DecisionSummary } from './DecisionSummary';
import { findingsText, heatText, PULL_REASON_WORDS } from './sessionText';
import { TierChip } from './TierChip';

interface Props {
  detail: SessionDetail;
  readOnly: boolean;
  palette: PaletteName;
  dimensions: readonly Dimension[];
  onDetail(detail: SessionDetail): void;
  onAmend(item: AgendaItem, decision: Decision): void;
}

type Drop = { itemId: string; after: boolean };

/**
 * The agenda: built from the heatmap (riskiest first, follow-ups pulled up), then shaped
 * by the chair. Items move by drag or, on a focused item, Alt+Up / Alt+Down; the new
 * order shows at once and is confirmed by the API's reply.
 */
export function Agenda({ detail, readOnly, palette, dimensions, onDetail, onAmend }: Props) {
  const { client } = useApi();
  const { session, items } = detail;
  const [pending, setPending] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [drop, setDrop] = useState<Drop | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const byId = new Map(items.map((i) => [i.id, i]));
  const shown = pending ? pending.flatMap((id) => byId.get(id) ?? []) : items;
  const decided = items.some((i) => i.decision !== null);

  // The moved item keeps the focus, so Alt+Down can be pressed again and again.
  useEffect(() => {
    if (focusId === null) return;
    list.current?.querySelector<HTMLElement>(`[data-item-id="${focusId}"]`)?.focus();
    setFocusId(null);
  }, [focusId]);

  const run = async (what: () => Promise<SessionDetail>) => {
    setError(null);
    try {
      onDetail(await what());
    } catch (err) {
      setError(asCallError(err).message);
    }
  };

  const move = async (itemId: string, to: number) => {
    const from = shown.findIndex((i) => i.id === itemId);
    if (from < 0 || to < 0 || to >= shown.length || from === to) return;
    const order = moveItem(shown, from, to).map((i) => i.id);
    setPending(order);
    setFocusId(itemId);
    setAnnounce(`Moved ${byId.get(itemId)?.modelName ?? 'the item'} to position ${to + 1} of ${shown.length}.`);
    await run(() => client.call('sessions.agenda.move', { sessionId: session.id, itemId, position: to }));
    setPending(null);
  };

  const onItemKey = (e: KeyboardEvent<HTMLLIElement>, itemId: string, index: number) => {
    if (readOnly || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    void move(itemId, e.key === 'ArrowUp' ? index - 1 : index + 1);
  };

  const onDragOver = (e: DragEvent<HTMLLIElement>, itemId: string) => {
    if (dragging === null) return;
    e.preventDefault();
    const box = e.currentTarget.getBoundingClientRect();
    const after = e.clientY > box.top + box.height / 2;
    if (drop?.itemId !== itemId || drop.after !== after) setDrop({ itemId, after });
  };

  const onDrop = (e: DragEvent<HTMLLIElement>) => {
    e.preventDefault();
    if (dragging !== null && drop !== null) {
      const from = shown.findIndex((i) => i.id === dragging);
      const target = shown.findIndex((i) => i.id === drop.itemId);
      // Dropping before or after an item, counted in the list without the dragged item.
      const to = (drop.after ? target + 1 : target) - (from < target ? 1 : 0);
      void move(dragging, to);
    }
    setDragging(null);
    setDrop(null);
  };

  return (
    <section className="card agenda-card" aria-labelledby="agenda-heading">
      <div className="section-head">
        <h2 id="agenda-heading">Agenda</h2>
        {!readOnly && <AgendaTools detail={detail} decided={decided} onRun={run} />}
      </div>
      {shown.length === 0 ? (
        <p className="muted">
          {readOnly
            ? 'The agenda was empty.'
            : 'The agenda is empty. Build it from the heatmap: the riskiest models first, top quartile flagged, models with an expired risk acceptance or an overdue action pulled up.'}
        </p>
      ) : (
        <>
          {!readOnly && (
            <p id="agenda-keys" className="muted small">
              Drag an item, or focus it and press <kbd>Alt</kbd> <kbd>↑</kbd> / <kbd>Alt</kbd> <kbd>↓</kbd> to move it.
            </p>
          )}
          <ol className="agenda" ref={list} aria-label="Agenda items">
            {shown.map((item, index) => (
              <li
                key={item.id}
                data-item-id={item.id}
                className={`agenda-item${readOnly ? ' locked' : ''}${item.id === session.currentItemId ? ' agenda-current' : ''}${dragging === item.id ? ' dragging' : ''}${drop?.itemId === item.id ? (drop.after ? ' drop-after' : ' drop-before') : ''}`}
                tabIndex={readOnly ? undefined : 0}
                aria-label={`${index + 1}. ${item.modelName}`}
                aria-describedby={readOnly ? undefined : 'agenda-keys'}
                draggable={!readOnly}
                onKeyDown={(e) => onItemKey(e, item.id, index)}
                onDragStart={(e) => {
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', item.modelName);
                  setDragging(item.id);
                }}
                onDragOver={(e) => onDragOver(e, item.id)}
                onDrop={onDrop}
                onDragEnd={() => {
                  setDragging(null);
                  setDrop(null);
                }}
              >
                {!readOnly && (
                  <span className="drag-handle" aria-hidden="true">
                    ⠿
                  </span>
                )}
                <AgendaEntry item={item} index={index} palette={palette} current={item.id === session.currentItemId} />
                <div className="agenda-side">
                  {!readOnly && item.decision === null && (
                    <button type="button" className="quiet" onClick={() => void run(() => client.call('sessions.agenda.remove', { sessionId: session.id, itemId: item.id }))} aria-label={`Remove ${item.modelName} from the agenda`}>
                      Remove
                    </button>
                  )}
                </div>
                {(item.decision || item.amendments.length > 0) && (
                  <div className="agenda-decisions">
                    {item.decision && <DecisionSummary decision={item.decision} dimensions={dimensions} />}
                    {item.amendments.map((a) => (
                      <div key={a.id} className="amendment">
                        <DecisionSummary decision={a} dimensions={dimensions} />
                      </div>
                    ))}
                    {readOnly && (
                      <button type="button" onClick={() => onAmend(item, item.amendments.at(-1) ?? (item.decision as Decision))} aria-label={`Amend the decision on ${item.modelName}`}>
                        Amend…
                      </button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <FormError message={error} />
    </section>
  );
}

function AgendaEntry({ item, index, palette, current }: { item: AgendaItem; index: number; palette: PaletteName; current: boolean }) {
  return (
    <div className="agenda-main">
      <div className="agenda-title">
        <span className="agenda-number">{index + 1}.</span>
        <strong>{item.modelName}</strong>
        <TierChip tier={item.tier} palette={palette} />
        <span className="num agenda-heat" title="Heat: the weighted mean of the model's dimension scores">
          Heat {heatText(item.heat)}
        </span>
        {item.topQuartile && <span className="flag">Top quartile</span>}
        {current && <span className="flag flag-current">Under discussion</span>}
      </div>
      <p className="agenda-facts muted small">
        {item.owner} · Findings: {findingsText(item.findings)}
        {item.priorDecisions.length > 0 && (
          <>
            {' '}
            · Before:{' '}
            {item.priorDecisions.map((p, i) => (
              <span key={p.sessionId}>
                {i > 0 && ', '}
                Session {p.sessionNumber} (
                <time dateTime={p.date} title={p.date}>
                  {formatDay(p.date)}
                </time>
                ) {OUTCOME_WORDS[p.outcome]}
              </span>
            ))}
          </>
        )}
      </p>
      {item.pulledUp.length > 0 && <p className="pulled-up small">Pulled up: {item.pulledUp.map((r) => PULL_REASON_WORDS[r]).join('; ')}.</p>}
    </div>
  );
}

/** Build from heat and add a model; a rebuild asks first, because it replaces the agenda. */
function AgendaTools({ detail, decided, onRun }: { detail: SessionDetail; decided: boolean; onRun(what: () => Promise<SessionDetail>): Promise<void> }) {
  const { client } = useApi();
  const models = useCall('models.list', {});
  const [confirming, setConfirming] = useState(false);
  const [modelId, setModelId] = useState('');
  const sessionId = detail.session.id;
  const onAgenda = new Set(detail.items.map((i) => i.modelId));
  const addable = (models.value ?? []).filter((m) => !onAgenda.has(m.id));
  const build = () => onRun(() => client.call('sessions.agenda.build', { sessionId })).then(() => setConfirming(false));

  return (
    <div className="agenda-tools">
      {confirming ? (
        <span className="confirm-inline" role="group" aria-label="Rebuild the agenda">
          Replace the {detail.items.length} items with the heatmap order?
          <button type="button" className="primary" onClick={() => void build()}>
            Rebuild
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <button
          type="button"
          className={detail.items.length === 0 ? 'primary' : undefined}
          disabled={decided}
          title={decided ? 'Decisions are on record: add, remove or move items instead.' : undefined}
          onClick={() => (detail.items.length === 0 ? void build() : setConfirming(true))}
        >
          {detail.items.length === 0 ? 'Build agenda from heat' : 'Rebuild from heat'}
        </button>
      )}
      {addable.length > 0 && (
        <form
          className="add-item"
          onSubmit={(e) => {
            e.preventDefault();
            if (modelId) void onRun(() => client.call('sessions.agenda.add', { sessionId, modelId })).then(() => setModelId(''));
          }}
        >
          <label className="visually-hidden" htmlFor="agenda-add-model">
            Model to add
          </label>
          <select id="agenda-add-model" value={modelId} onChange={(e) => setModelId(e.target.value)}>
            <option value="">Add a model…</option>
            {addable.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <button type="submit" disabled={modelId === ''}>
            Add
          </button>
        </form>
      )}
    </div>
  );
}
