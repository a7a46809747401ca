import type { Posture } from '../../../shared/cycles/posture';
import type { PaletteName } from '../../../shared/scoring/colourScale';
import { tierWord, type Tier } from '../../../shared/scoring/tier';
import { DueList } from '../cycles/DueReasons';
import { SEVERITY_WORDS } from '../findings/findingWords';
import { formatDay } from '../format/dates';
import { formatCount } from '../format/numbers';
import { TierChip } from '../sessions/TierChip';
import type { Route } from '../routes/route';
import { acceptancesQuery, actionsQuery, findingsQuery } from '../registers/registerQuery';
import type { ModelList } from './ModelListDrawer';

const DUE_SHOWN = 5;
const TIER_ROWS: (Tier | null)[] = ['critical', 'high', 'medium', 'low', 'incomplete', null];

interface Props {
  posture: Posture;
  palette: PaletteName;
  onDrill(to: Route): void;
  onModel(modelId: string): void;
  onList(list: ModelList): void;
  /** The session list, or with an id that session's page. */
  onSessions(sessionId?: string): void;
}

/** A figure that opens the rows behind it; a zero is plain text, since there is nothing to open. */
function Figure({ n, label, onOpen }: { n: number; label: string; onOpen(): void }) {
  if (n === 0) return <span className="figure figure-zero">0</span>;
  return (
    <button type="button" className="figure" onClick={onOpen} aria-label={`${formatCount(n)} ${label}: show them`}>
      {formatCount(n)}
    </button>
  );
}

function Tiers({ posture, palette, onDrill }: Pick<Props, 'posture' | 'palette' | 'onDrill'>) {
  const count = (t: Tier | null) => (t === null ? posture.tiers.untiered : posture.tiers[t]);
  const widest = Math.max(1, ...TIER_ROWS.map(count));
  return (
    <section className="card posture-card" aria-labelledby="tiers-title">
      <h2 id="tiers-title">Tier distribution</h2>
      <table className="compact tier-bars">
        <tbody>
          {TIER_ROWS.map((t) => (
            <tr key={t ?? 'untiered'}>
              <th scope="row">
                <TierChip tier={t} palette={palette} />
              </th>
              <td className="num">
                <Figure n={count(t)} label={`models in tier ${tierWord(t)}`} onOpen={() => onDrill({ place: 'inventory', query: { tier: t ?? 'unscored' } })} />
              </td>
              <td className="bar-cell" aria-hidden="true">
                <span className="bar" style={{ width: `${(count(t) / widest) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{formatCount(posture.models)} models in the inventory.</p>
    </section>
  );
}

function TopRisks({ posture, palette, onModel }: Pick<Props, 'posture' | 'palette' | 'onModel'>) {
  return (
    <section className="card posture-card" aria-labelledby="top-risks-title">
      <h2 id="top-risks-title">Top risks</h2>
      {posture.topRisks.length === 0 ? (
        <p className="muted">No model is scored yet; the riskiest appear here once the analyst scores them on the heatmap.</p>
      ) : (
        <ol className="top-risks" aria-label="Top risks">
          {posture.topRisks.map((r) => (
            <li key={r.modelId}>
              <button type="button" className="link" onClick={() => onModel(r.modelId)}>
                {r.modelName}
              </button>
              <TierChip tier={r.tier} palette={palette} />
              <span className="num muted">{r.heat === null ? '—' : `heat ${r.heat.toFixed(2)}`}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Readiness({ posture, onList }: Pick<Props, 'posture' | 'onList'>) {
  return (
    <section className="card posture-card" aria-labelledby="readiness-title">
      <h2 id="readiness-title">Ready for the board?</h2>
      <dl className="posture-figures">
        <div>
          <dt>Unscored</dt>
          <dd>
            <Figure
              n={posture.unscored.length}
              label="unscored models"
              onOpen={() => onList({ title: 'Unscored models', intro: 'Scored on no dimension of the taxonomy yet.', rows: posture.unscored.map((m) => ({ ...m, detail: '' })) })}
            />
          </dd>
        </div>
        <div>
          <dt>Partly scored</dt>
          <dd>
            <Figure
              n={posture.partlyScored.length}
              label="partly scored models"
              onOpen={() =>
                onList({
                  title: 'Partly scored models',
                  intro: 'Scored on some dimensions; their tier is not final until every dimension is scored.',
                  rows: posture.partlyScored.map((m) => ({ ...m, detail: `${m.scored} of ${m.dimensions} dimensions scored` })),
                })
              }
            />
          </dd>
        </div>
        <div>
          <dt>Awaiting a decision</dt>
          <dd>
            <Figure
              n={posture.awaitingDecision.length}
              label="models awaiting a decision"
              onOpen={() =>
                onList({
                  title: 'Awaiting a decision',
                  intro: 'Never decided, or with a bundle newer than the board’s last decision on them.',
                  rows: posture.awaitingDecision.map((m) => ({ ...m, detail: '' })),
                })
              }
            />
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Due({ posture, onModel, onList }: Pick<Props, 'posture' | 'onModel' | 'onList'>) {
  const overdue = posture.due.filter((d) => d.urgency === 'overdue').length;
  return (
    <section className="card posture-card posture-wide" aria-labelledby="due-title">
      <div className="section-head">
        <h2 id="due-title">
          Models due{' '}
          <span className="muted">
            {formatCount(posture.due.length)}
            {overdue > 0 && `, ${formatCount(overdue)} overdue`}
          </span>
        </h2>
        {posture.due.length > DUE_SHOWN && (
          <button
            type="button"
            onClick={() =>
              onList({
                title: 'Models due',
                intro: 'Every model that needs the board, most urgent first, with its reasons.',
                rows: posture.due.map((d) => ({ modelId: d.modelId, modelName: d.modelName, detail: d.reasons.map((r) => r.text).join(' ') })),
              })
            }
          >
            Show all {formatCount(posture.due.length)}
          </button>
        )}
      </div>
      {posture.due.length === 0 ? (
        <p className="muted">No model needs the board: every periodic review is current, no acceptance expires within 30 days, nothing is overdue, changed or breached.</p>
      ) : (
        <DueList due={posture.due.slice(0, DUE_SHOWN)} onModel={onModel} />
      )}
    </section>
  );
}

function Findings({ posture, onDrill }: Pick<Props, 'posture' | 'onDrill'>) {
  const open = posture.findings.reduce((n, f) => n + f.open, 0);
  const go = (severity: string, age = '', scope = 'open') => onDrill({ place: 'registers', query: findingsQuery({ severity, age, scope }) });
  return (
    <section className="card posture-card posture-findings" aria-labelledby="findings-title">
      <h2 id="findings-title">
        Open findings <span className="muted">{formatCount(open)}</span>
      </h2>
      <table className="compact" aria-label="Open findings by severity and age">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col" className="num">
              Open
            </th>
            <th scope="col" className="num">
              0–30 d
            </th>
            <th scope="col" className="num">
              31–90 d
            </th>
            <th scope="col" className="num">
              &gt; 90 d
            </th>
            <th scope="col" className="num">
              Overdue
            </th>
          </tr>
        </thead>
        <tbody>
          {posture.findings.map((f) => {
            const word = SEVERITY_WORDS[f.severity];
            return (
              <tr key={f.severity}>
                <th scope="row">
                  <span className={`severity severity-${f.severity}`}>{word}</span>
                </th>
                <td className="num">
                  <Figure n={f.open} label={`open ${word.toLowerCase()} findings`} onOpen={() => go(f.severity)} />
                </td>
                <td className="num">
                  <Figure n={f.upTo30} label={`${word.toLowerCase()} findings open up to 30 days`} onOpen={() => go(f.severity, 'upTo30')} />
                </td>
                <td className="num">
                  <Figure n={f.upTo90} label={`${word.toLowerCase()} findings open 31 to 90 days`} onOpen={() => go(f.severity, 'upTo90')} />
                </td>
                <td className="num">
                  <Figure n={f.over90} label={`${word.toLowerCase()} findings open over 90 days`} onOpen={() => go(f.severity, 'over90')} />
                </td>
                <td className="num">
                  <Figure n={f.overdue} label={`overdue ${word.toLowerCase()} findings`} onOpen={() => go(f.severity, '', 'overdue')} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function FollowUp({ posture, onDrill, onSessions }: Pick<Props, 'posture' | 'onDrill' | 'onSessions'>) {
  const a = posture.acceptancesExpiring;
  const acceptances = (label: string, n: number, to: Route) => (
    <div>
      <dt>{label}</dt>
      <dd>
        <Figure n={n} label={`acceptances ${label.toLowerCase()}`} onOpen={() => onDrill(to)} />
      </dd>
    </div>
  );
  return (
    <section className="card posture-card" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">Follow-up</h2>
      <dl className="posture-figures">
        <div>
          <dt>Overdue actions</dt>
          <dd>
            <Figure n={posture.overdueActions} label="overdue actions" onOpen={() => onDrill({ place: 'registers', query: actionsQuery({ status: 'overdue' }) })} />
          </dd>
        </div>
        {acceptances('Acceptances expired', a.expired, { place: 'registers', query: acceptancesQuery({ state: 'expired' }) })}
        {acceptances('Expiring within 30 days', a.within30, { place: 'registers', query: acceptancesQuery({ within: '30' }) })}
        {acceptances('Expiring within 60 days', a.within60, { place: 'registers', query: acceptancesQuery({ within: '60' }) })}
        {acceptances('Expiring within 90 days', a.within90, { place: 'registers', query: acceptancesQuery({ within: '90' }) })}
      </dl>
      <h3 className="small">Next session</h3>
      {posture.nextSession ? (
        <p>
          <button type="button" className="link" onClick={() => onSessions(posture.nextSession?.id)}>
            Session {posture.nextSession.number}: {posture.nextSession.title}
          </button>{' '}
          <time dateTime={posture.nextSession.date} title={posture.nextSession.date}>
            {formatDay(posture.nextSession.date)}
          </time>
        </p>
      ) : (
        <p className="muted">
          No session planned.{' '}
          <button type="button" className="link" onClick={() => onSessions()}>
            Plan one
          </button>
        </p>
      )}
    </section>
  );
}

/** The board's risk posture: what the chair and the lead analyst look at first, each figure opening the rows behind it. */
export function PostureView(props: Props) {
  return (
    <div className="posture" aria-label="Risk posture" role="region">
      <Due posture={props.posture} onModel={props.onModel} onList={props.onList} />
      <Tiers posture={props.posture} palette={props.palette} onDrill={props.onDrill} />
      <TopRisks posture={props.posture} palette={props.palette} onModel={props.onModel} />
      <Readiness posture={props.posture} onList={props.onList} />
      <Findings posture={props.posture} onDrill={props.onDrill} />
      <FollowUp posture={props.posture} onDrill={props.onDrill} onSessions={props.onSessions} />
    </div>
  );
}
