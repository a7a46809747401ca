import { useEffect } from 'react';
import { OUTCOME_WORDS, type AgendaItem, type Decision, type SessionDetail, type SessionSummary } from '../../../shared/sessions/session';
import { ServicesBanner } from '../api/ServicesBanner';
import { useCall } from '../api/useCall';
import { useConnection } from '../api/useConnection';
import { ConnectionNotice } from '../frame/ConnectionNotice';
import { formatDay } from '../format/dates';
import { usePalette } from '../heatmap/usePalette';
import { HeatRow } from '../sessions/HeatRow';
import { findingsText, heatText, openFindings, tallyText } from '../sessions/sessionText';
import { TierChip } from '../sessions/TierChip';
import './presenterBanner.css';
import './presenterTerms.css';

/**
 * The projector's view: no chrome, nothing to click, large type on a dark ground. It
 * follows the open session's current item and every decision from the change events
 * (useCall fetches again on each), so the chair never touches this window. The one
 * exception is the main window's services banner: it says why the view may lag behind the
 * chair (the services were started again) or stopped following (they stopped for good).
 */
export function Presenter() {
  const cycle = useCall('cycle.info', {});
  const connection = useConnection();
  return (
    <div className="presenter">
      <ServicesBanner />
      {cycle.value ? <FollowSession cycleName={cycle.value.name} /> : <Waiting cycleName={null} />}
      <p className="presenter-offline">
        <ConnectionNotice state={connection} className="presenter-connection" />
      </p>
    </div>
  );
}

/**
 * The session the board is in: an open one with an item under discussion, else the
 * newest open one. A cycle normally has one open session at a time.
 */
function meeting(list: readonly SessionSummary[]): SessionSummary | undefined {
  const open = list.filter((s) => s.status === 'open');
  return open.find((s) => s.currentItemId !== null) ?? open[0];
}

function FollowSession({ cycleName }: { cycleName: string }) {
  const sessions = useCall('sessions.list', {});
  const chosen = sessions.value ? meeting(sessions.value) : undefined;
  if (!chosen) return <Waiting cycleName={cycleName} />;
  return <SessionOnScreen key={chosen.id} sessionId={chosen.id} cycleName={cycleName} />;
}

function Waiting({ cycleName, title }: { cycleName: string | null; title?: string }) {
  useEffect(() => {
    document.title = 'Presenter · waiting';
  }, []);
  return (
    <main className="presenter-waiting" aria-label="Presenter">
      {cycleName && <p className="presenter-cycle">{cycleName}</p>}
      {title && <p className="presenter-session">{title}</p>}
      <h1>Waiting for the chair</h1>
      <p className="presenter-muted">{title ? 'The first item appears here when the chair opens it.' : 'The meeting appears here when the chair opens a session.'}</p>
    </main>
  );
}

function SessionOnScreen({ sessionId, cycleName }: { sessionId: string; cycleName: string }) {
  const detail = useCall('sessions.get', { sessionId });
  const d = detail.value;
  if (!d) return <Waiting cycleName={cycleName} />;
  const title = `Session ${d.session.number}: ${d.session.title}`;
  const index = d.items.findIndex((i) => i.id === d.session.currentItemId);
  const item = d.items[index];
  if (!item) return <Waiting cycleName={cycleName} title={title} />;
  return <ItemOnScreen detail={d} item={item} position={index} cycleName={cycleName} title={title} />;
}

function ItemOnScreen({ detail, item, position, cycleName, title }: { detail: SessionDetail; item: AgendaItem; position: number; cycleName: string; title: string }) {
  const heat = useCall('heatmap.rows', { modelIds: [item.modelId] });
  const taxonomy = useCall('taxonomy.get', {});
  const [palette] = usePalette();
  const row = heat.value?.rows[0];
  const decision = item.amendments.at(-1) ?? item.decision;
  const findings = openFindings(item.findings);

  useEffect(() => {
    document.title = `Presenter · ${item.modelName}`;
  }, [item.modelName]);

  return (
    <main className="presenter-stage" aria-label="Presenter">
      <header className="presenter-head">
        <p>
          <span className="presenter-cycle">{cycleName}</span>
          <span className="presenter-session">{title}</span>
        </p>
        <p className="presenter-muted">
          <time dateTime={detail.session.date}>{formatDay(detail.session.date)}</time> · Item {position + 1} of {detail.items.length}
        </p>
      </header>
      <section className="presenter-item" aria-label="Current item">
        <h1 className="presenter-model">{item.modelName}</h1>
        <p className="presenter-facts">
          <TierChip tier={item.tier} palette={palette} className="tier-chip-presenter" />
          <span className="presenter-heat">
            Heat <strong>{heatText(row?.heat ?? item.heat)}</strong>
            {row?.band && row.band.lo !== row.band.hi && (
              <span className="presenter-muted">
                {' '}
                band {row.band.lo.toFixed(2)}–{row.band.hi.toFixed(2)}
              </span>
            )}
          </span>
          {item.topQuartile && <span className="presenter-flag">Top quartile</span>}
        </p>
        {row && taxonomy.value && <HeatRow row={row} dimensions={taxonomy.value.dimensions} palette={palette} large />}
        <p className="presenter-findings">
          {findings === 0 ? 'No open findings' : `${findings} open finding${findings === 1 ? '' : 's'}: ${findingsText(item.findings)}`}
        </p>
      </section>
      <section className={`presenter-decision${decision ? ` presenter-decided outcome-${decision.outcome}` : ''}`} aria-label="Decision" aria-live="polite">
        {decision ? (
          <>
            <p className="presenter-label">{decision.kind === 'amendment' ? 'Decision, as amended' : 'Decision'}</p>
            <p className="presenter-outcome">{OUTCOME_WORDS[decision.outcome]}</p>
            {decision.kind === 'original' && <p className="presenter-tally">{tallyText(decision.tally)}</p>}
            <DecisionTerms decision={decision} />
          </>
        ) : (
          <>
            <p className="presenter-label">Decision</p>
            <p className="presenter-outcome presenter-pending">Under discussion</p>
          </>
        )}
      </section>
      <footer className="presenter-foot presenter-muted">{detail.quorum.message}</footer>
    </main>
  );
}

/**
 * What the decision binds the owner to, readable from the back of the room: its
 * conditions and mitigations (who, by when) and the risks accepted (until when).
 */
function DecisionTerms({ decision }: { decision: Decision }) {
  const lists = [
    { title: 'Conditions', items: decision.conditions.map((c) => ({ id: c.id, text: c.text, detail: `${c.owner || 'model owner'}, due ${formatDay(c.due)}` })) },
    { title: 'Mitigations', items: decision.mitigations.map((m) => ({ id: m.id, text: m.action, detail: `${m.owner}, due ${formatDay(m.due)}` })) },
    { title: 'Risk accepted', items: decision.acceptances.map((a) => ({ id: a.id, text: a.risk, detail: `approved by ${a.approver}, until ${formatDay(a.expiry)}` })) },
  ].filter((l) => l.items.length > 0);
  if (lists.length === 0) return null;
  return (
    <div className="presenter-terms">
      {lists.map((l) => (
        <section key={l.title} aria-label={l.title}>
          <h2 className="presenter-label">{l.title}</h2>
          <ul>
            {l.items.map((i) => (
              <li key={i.id}>
                {i.text} <span className="presenter-muted">· {i.detail}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
