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
import type { DueModel } from '../../../shared/cycles/due';
import { DueReasons, UrgencyFlag } from '../cycles/DueReasons';
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
  const due = useCall('models.due', { asOf: session.date });
  const dueById = new Map((due.value ?? []).map((d) => [d.modelId, d]));
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
        {!readOnly && <AgendaTools detail={detail} decided={decided} due={due.value} onRun={run} />}
      </div>
      {shown.length === 0 ? (
        <p className="muted">
          {readOnly
            ? 'The agenda was empty.'
            : 'The agenda is empty. Build it from the due list (the models that need the board, most urgent first, with their reasons) or from the heatmap (every model, the riskiest first, follow-ups pulled up).'}
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
                <AgendaEntry item={item} index={index} palette={palette} current={item.id === session.currentItemId} due={dueById.get(item.modelId)} />
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

function AgendaEntry({ item, index, palette, current, due }: { item: AgendaItem; index: number; palette: PaletteName; current: boolean; due: DueModel | undefined }) {
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
        {due && item.decision === null && <UrgencyFlag urgency={due.urgency} />}
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
      {due && item.decision === null && <DueReasons reasons={due.reasons} label={`Why ${item.modelName} is due`} />}
    </div>
  );
}

/** The most items a due-list agenda offers by default: what a quarterly board gets through in a sitting. */
const DEFAULT_CAP = 12;

/**
 * Build from the due list (with a cap) or from heat, and add a model; a rebuild asks
 * first, because it replaces the agenda.
 */
function AgendaTools({ detail, decided, due, onRun }: { detail: SessionDetail; decided: boolean; due: DueModel[] | undefined; onRun(what: () => Promise<SessionDetail>): Promise<void> }) {
  const { client } = useApi();
  const models = useCall('models.list', {});
  const [confirming, setConfirming] = useState<'heat' | 'due' | null>(null);
  const [modelId, setModelId] = useState('');
  const [cap, setCap] = useState(String(DEFAULT_CAP));
  const [capError, setCapError] = useState<string | null>(null);
  const sessionId = detail.session.id;
  const onAgenda = new Set(detail.items.map((i) => i.modelId));
  const addable = (models.value ?? []).filter((m) => !onAgenda.has(m.id));
  const empty = detail.items.length === 0;
  const build = (from: 'heat' | 'due') => {
    setCapError(null);
    if (from === 'due' && !/^[1-9]\d*$/.test(cap.trim())) {
      setCapError('The cap is a whole number of items, at least 1.');
      return Promise.resolve();
    }
    const args = from === 'heat' ? { sessionId } : { sessionId, from, cap: Number(cap.trim()) };
    return onRun(() => client.call('sessions.agenda.build', args)).then(() => setConfirming(null));
  };
  const start = (from: 'heat' | 'due') => (empty ? void build(from) : setConfirming(from));
  const lockedTitle = decided ? 'Decisions are on record: add, remove or move items instead.' : undefined;

  return (
    <div className="agenda-tools">
      {confirming ? (
        <span className="confirm-inline" role="group" aria-label="Rebuild the agenda">
          Replace the {detail.items.length} items with {confirming === 'heat' ? 'the heatmap order' : 'the due list'}?
          <button type="button" className="primary" onClick={() => void build(confirming)}>
            Rebuild
          </button>
          <button type="button" onClick={() => setConfirming(null)}>
            Keep
          </button>
        </span>
      ) : (
        <>
          <span className="due-build" role="group" aria-label="Build from the due list">
            <button type="button" className={empty ? 'primary' : undefined} disabled={decided} title={lockedTitle} onClick={() => start('due')}>
              {empty ? 'Build agenda from due list' : 'Rebuild from due list'}
            </button>
            <label className="cap">
              at most{' '}
              <input
                type="number"
                min={1}
                value={cap}
                onChange={(e) => setCap(e.target.value)}
                aria-label="At most this many items"
                aria-invalid={capError ? true : undefined}
                aria-describedby={capError ? 'agenda-cap-error' : 'agenda-due-count'}
              />
            </label>
            <span id="agenda-due-count" className="muted small">
              {due === undefined ? '' : `${due.length} model${due.length === 1 ? '' : 's'} due`}
            </span>
          </span>
          <button type="button" disabled={decided} title={lockedTitle} onClick={() => start('heat')}>
            {empty ? 'Build agenda from heat' : 'Rebuild from heat'}
          </button>
        </>
      )}
      {capError && (
        <p className="field-error" id="agenda-cap-error" role="alert">
          {capError}
        </p>
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
