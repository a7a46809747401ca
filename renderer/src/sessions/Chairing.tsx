import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dimension } from '../../../shared/domain/taxonomy';
import type { PaletteName } from '../../../shared/scoring/colourScale';
import { OUTCOME_WORDS, type AgendaItem, type Outcome, type SessionDetail } from '../../../shared/sessions/session';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { useCall } from '../api/useCall';
import { FormError } from '../forms/Field';
import { formatDay } from '../format/dates';
import { OpenPresenterButton } from '../presenter/OpenPresenterButton';
import { ChairNotes } from './ChairNotes';
import { ConflictsPanel } from './ConflictsPanel';
import { DecisionForm, OUTCOME_KEYS } from './DecisionForm';
import { DecisionSummary, OutcomeBadge } from './DecisionSummary';
import { HeatRow } from './HeatRow';
import { ItemFindings } from './ItemFindings';
import { timeOn, useSecondTick } from './itemTimers';
import { clockText, heatText, PULL_REASON_WORDS } from './sessionText';
import { ShortcutHelp } from './ShortcutHelp';
import { TierChip } from './TierChip';

interface Props {
  detail: SessionDetail;
  dimensions: readonly Dimension[];
  palette: PaletteName;
  onDetail(detail: SessionDetail): void;
  onStop(): void;
}

const OUTCOME_BY_KEY: Readonly<Record<string, Outcome>> = Object.fromEntries(OUTCOME_KEYS.map((o) => [o.key.toLowerCase(), o.outcome]));

/** Keys typed into a field, or with a modifier, belong to that field or to the browser. */
function isTyping(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return true;
  const t = e.target as HTMLElement | null;
  return t !== null && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

/**
 * Live chairing: the item under discussion, large, with its heatmap row, findings, timer
 * and decision; the agenda above it. Single keys walk the agenda and open the decision
 * form with an outcome chosen (? lists them). The current item is the session's, so the
 * presenter view and every other window follow it.
 */
export function Chairing({ detail, dimensions, palette, onDetail, onStop }: Props) {
  const { client } = useApi();
  const { session, items, quorum } = detail;
  const now = useSecondTick();
  const [form, setForm] = useState<Outcome | null>(null);
  const [help, setHelp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const itemSection = useRef<HTMLElement>(null);
  const strip = useRef<HTMLElement>(null);
  const index = items.findIndex((i) => i.id === session.currentItemId);
  const current = index >= 0 ? items[index] : undefined;

  const goTo = useCallback(
    async (target: AgendaItem | undefined, position: number) => {
      if (!target) return;
      setError(null);
      try {
        onDetail(await client.call('sessions.current', { sessionId: session.id, itemId: target.id }));
        setAnnounce(`Now discussing ${target.modelName}, item ${position + 1} of ${items.length}.`);
      } catch (err) {
        setError(asCallError(err).message);
      }
    },
    [client, items.length, onDetail, session.id],
  );

  const step = useCallback(
    (by: 1 | -1) => {
      const to = index < 0 ? 0 : index + by;
      if (to < 0 || to >= items.length) {
        setAnnounce(by > 0 ? 'This is the last item of the agenda.' : 'This is the first item of the agenda.');
        return;
      }
      void goTo(items[to], to);
    },
    [goTo, index, items],
  );

  useEffect(() => {
    if (form !== null || help) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e)) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (key === 'n' || key === 'ArrowRight') step(1);
      else if (key === 'p' || key === 'ArrowLeft') step(-1);
      else if (key === '?') setHelp(true);
      else if (OUTCOME_BY_KEY[key] && current) setForm(OUTCOME_BY_KEY[key]);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form, help, step, current]);

  // A long agenda scrolls sideways; the item under discussion stays in view.
  useEffect(() => {
    strip.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [session.currentItemId]);

  // Back to the item, not to the top of the page: the chair's next key acts on it.
  const closeForm = () => {
    setForm(null);
    itemSection.current?.focus({ preventScroll: true });
  };

  return (
    <div className="chairing">
      <header className="chair-bar">
        <div className="chair-title">
          <span className="muted small">Chairing</span>
          <h1>
            Session {session.number}: {session.title}
          </h1>
          <span className="muted small">
            <time dateTime={session.date} title={session.date}>
              {formatDay(session.date)}
            </time>
            {session.location && ` · ${session.location}`} · Chair {session.chair}
          </span>
        </div>
        <div className="chair-tools">
          <OpenPresenterButton />
          <button type="button" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            Shortcuts <kbd>?</kbd>
          </button>
          <button type="button" onClick={onStop}>
            Stop chairing
          </button>
        </div>
      </header>
      <p className={`quorum-banner ${(current?.quorum ?? quorum).met ? 'quorum-met' : 'quorum-not-met'}`} role="status">
        {/* The item's quorum once someone is recused from it: they do not count for this item. */}
        {(current?.quorum?.recused?.length ?? 0) > 0 ? current?.quorum?.message : quorum.message}
      </p>
      <nav className="chair-agenda" aria-label="Agenda" ref={strip}>
        <ol>
          {items.map((item, i) => {
            const spent = timeOn(session.id, item.id, now);
            return (
              <li key={item.id}>
                <button type="button" className="chair-agenda-item" aria-current={item.id === session.currentItemId ? 'true' : undefined} onClick={() => void goTo(item, i)}>
                  <span className="chair-agenda-name">
                    {i + 1}. {item.modelName}
                  </span>
                  <span className="chair-agenda-meta">
                    {item.outcome ? <OutcomeBadge outcome={item.outcome} /> : <span className="muted small">Open</span>}
                    {spent >= 1000 && <span className="muted small num">{clockText(spent)}</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <section className="chair-item" ref={itemSection} tabIndex={-1} aria-label={current ? `Current item: ${current.modelName}` : 'Current item'}>
        {current ? (
          <CurrentItem
            item={current}
            position={index}
            count={items.length}
            detail={detail}
            dimensions={dimensions}
            palette={palette}
            elapsed={timeOn(session.id, current.id, now)}
            onDecide={setForm}
            onDetail={onDetail}
          />
        ) : (
          <div className="chair-empty">
            {items.length === 0 ? (
              <p>The agenda is empty. Stop chairing and build it from the heatmap first.</p>
            ) : (
              <>
                <p>No item is under discussion. Press <kbd>N</kbd> to open the first one, or choose one from the agenda.</p>
                <button type="button" className="primary" onClick={() => void goTo(items[0], 0)}>
                  Open item 1
                </button>
              </>
            )}
          </div>
        )}
        <div className="chair-nav">
          <button type="button" onClick={() => step(-1)} disabled={index <= 0} aria-keyshortcuts="P ArrowLeft">
            ← Previous <kbd>P</kbd>
          </button>
          <button type="button" className="primary" onClick={() => step(1)} disabled={index >= items.length - 1} aria-keyshortcuts="N ArrowRight">
            Next <kbd>N</kbd> →
          </button>
        </div>
        <FormError message={error} />
      </section>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {form !== null && current && (
        <DecisionForm
          detail={detail}
          item={current}
          mode={{ kind: 'decide', outcome: form }}
          dimensions={dimensions}
          onClose={closeForm}
          onRecorded={(next, outcome) => {
            onDetail(next);
            setAnnounce(`Recorded ${OUTCOME_WORDS[outcome]} for ${current.modelName}.`);
            closeForm();
          }}
        />
      )}
      {help && (
        <ShortcutHelp
          onClose={() => {
            setHelp(false);
            itemSection.current?.focus({ preventScroll: true });
          }}
        />
      )}
    </div>
  );
}

interface ItemProps {
  item: AgendaItem;
  position: number;
  count: number;
  detail: SessionDetail;
  dimensions: readonly Dimension[];
  palette: PaletteName;
  elapsed: number;
  onDecide(outcome: Outcome): void;
  onDetail(detail: SessionDetail): void;
}

function CurrentItem({ item, position, count, detail, dimensions, palette, elapsed, onDecide, onDetail }: ItemProps) {
  const heat = useCall('heatmap.rows', { modelIds: [item.modelId] });
  const row = heat.value?.rows[0];
  return (
    <>
      <div className="chair-item-head">
        <div>
          <p className="muted">
            Item {position + 1} of {count}
          </p>
          <h2 className="chair-model">{item.modelName}</h2>
          <p className="chair-facts">
            <TierChip tier={item.tier} palette={palette} className="tier-chip-large" />
            <span className="chair-heat num">Heat {heatText(row?.heat ?? item.heat)}</span>
            {row?.band && row.band.lo !== row.band.hi && (
              <span className="muted num">
                band {row.band.lo.toFixed(2)}–{row.band.hi.toFixed(2)}
              </span>
            )}
            {item.topQuartile && <span className="flag">Top quartile</span>}
            <span className="muted">{item.owner}</span>
          </p>
          {item.pulledUp.length > 0 && <p className="pulled-up">Pulled up: {item.pulledUp.map((r) => PULL_REASON_WORDS[r]).join('; ')}.</p>}
        </div>
        <div className="item-timer" role="timer" aria-label="Time on this item">
          <span className="item-timer-value num">{clockText(elapsed)}</span>
          <span className="muted small">on this item</span>
        </div>
      </div>
      {row ? <HeatRow row={row} dimensions={dimensions} palette={palette} /> : <p className="placeholder">Loading the heatmap row…</p>}
      <div className="chair-columns">
        <div>
          <h3>Findings</h3>
          <ItemFindings modelId={item.modelId} />
          <h3>Prior decisions</h3>
          {item.priorDecisions.length === 0 ? (
            <p className="muted">The board has not decided on this model before.</p>
          ) : (
            <ul className="follow-ups">
              {item.priorDecisions.map((p) => (
                <li key={p.sessionId}>
                  Session {p.sessionNumber},{' '}
                  <time dateTime={p.date} title={p.date}>
                    {formatDay(p.date)}
                  </time>
                  : {OUTCOME_WORDS[p.outcome]}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>Decision</h3>
          {item.decision ? <DecisionSummary decision={item.decision} dimensions={dimensions} /> : <p className="muted">No decision yet.</p>}
          <ConflictsPanel detail={detail} item={item} onDetail={onDetail} />
          {!(item.quorum ?? detail.quorum).met && <p className="notice notice-warn">The board cannot decide yet. {(item.quorum ?? detail.quorum).message}</p>}
          <div className="outcome-buttons" role="group" aria-label={item.decision ? 'Record the decision again' : 'Record the decision'}>
            {OUTCOME_KEYS.map(({ outcome, key }) => (
              <button key={outcome} type="button" onClick={() => onDecide(outcome)} aria-keyshortcuts={key}>
                {OUTCOME_WORDS[outcome]} <kbd>{key}</kbd>
              </button>
            ))}
          </div>
          <ChairNotes key={item.id} sessionId={detail.session.id} itemId={item.id} saved={item.note} label="Chair's note on this item" readOnly={false} onDetail={onDetail} />
        </div>
      </div>
    </>
  );
}
