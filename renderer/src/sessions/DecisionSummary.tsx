import type { Dimension } from '../../../shared/domain/taxonomy';
import { OUTCOME_WORDS, type BlockingRisk, type Decision, type Outcome } from '../../../shared/sessions/session';
import { formatDay, formatMoment } from '../format/dates';
import { tallyText } from './sessionText';
import { RuleCheck } from '../cycles/RuleCheck';
import { HistoryLink } from '../audit/historyLink';

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return <span className={`outcome-badge outcome-${outcome}`}>{OUTCOME_WORDS[outcome]}</span>;
}

function Day({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {formatDay(iso)}
    </time>
  );
}

function riskLabel(risk: BlockingRisk, dimensions: readonly Dimension[]): string {
  if ('findingId' in risk) return `finding #${risk.findingId}`;
  return dimensions.find((x) => x.key === risk.dimension)?.label ?? risk.dimension;
}

/** A recorded decision as the board reads it back: outcome, votes, why, and what follows from it. */
export function DecisionSummary({ decision: d, dimensions }: { decision: Decision; dimensions: readonly Dimension[] }) {
  const risk = d.blockingRisk === null ? null : riskLabel(d.blockingRisk, dimensions);
  return (
    <div className="decision-summary">
      <p className="decision-line">
        <OutcomeBadge outcome={d.outcome} />
        {d.kind === 'original' && <span className="tally">{tallyText(d.tally)}</span>}
        <span className="muted small">
          {d.kind === 'amendment' ? 'Amended' : 'Recorded'} by {d.decidedBy},{' '}
          <time dateTime={d.decidedAt} title={d.decidedAt}>
            {formatMoment(d.decidedAt)}
          </time>
        </span>
        <HistoryLink target={{ entity: 'decision', entityId: d.id, label: `the decision of ${formatMoment(d.decidedAt)}` }} />
      </p>
      {d.amends && (
        <p>
          <strong>Reason for the amendment:</strong> {d.amends.reason}
        </p>
      )}
      <p className="rationale">{d.rationale}</p>
      {risk && (
        <p>
          <strong>Blocking risk:</strong> {risk}
        </p>
      )}
      {d.votes.length > 0 && <p className="muted small">Votes: {d.votes.map((v) => `${v.name} ${v.vote}${v.reason ? ` (${v.reason})` : ''}`).join(' · ')}</p>}
      {d.votes
        .filter((v) => v.dissent)
        .map((v) => (
          <p key={v.attendeeId} className="small">
            <strong>Dissent:</strong> {v.name}: {v.reason}
          </p>
        ))}
      {(d.recused?.length ?? 0) > 0 && <p className="muted small">Recused: {d.recused?.join(', ')} (did not vote, not counted in the quorum).</p>}
      {d.approval && (
        <p className="muted small">
          Approved by{' '}
          {d.approval.basis === 'signoff'
            ? `the sign-off of the chair, ${d.approval.chair}, and the secretary, ${d.approval.secretary}`
            : `a vote of the board: ${d.approval.votes.map((v) => `${v.name} ${v.vote}`).join(' · ')}`}
          .
        </p>
      )}
      {d.conditions.length > 0 && (
        <div>
          <strong>Conditions</strong>
          <ul className="follow-ups">
            {d.conditions.map((c) => (
              <li key={c.id}>
                {c.text} <span className="muted">— {c.owner || "model's owner"}, due <Day iso={c.due} />, {c.status}</span>
                {c.rule && <RuleCheck rule={c.rule} status={c.status} statusNote={c.statusNote} />}
              </li>
            ))}
          </ul>
        </div>
      )}
      {d.mitigations.length > 0 && (
        <div>
          <strong>Mitigations</strong>
          <ul className="follow-ups">
            {d.mitigations.map((m) => (
              <li key={m.id}>
                {m.action}{' '}
                <span className="muted">
                  — {m.owner}, due <Day iso={m.due} />, {m.status}. Success: {m.successCriteria}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {d.acceptances.length > 0 && (
        <div>
          <strong>Risk acceptances</strong>
          <ul className="follow-ups">
            {d.acceptances.map((a) => (
              <li key={a.id}>
                {a.risk}{' '}
                <span className="muted">
                  — approved by {a.approver}, expires <Day iso={a.expiry} /> ({a.state}). Controls: {a.compensatingControls}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
