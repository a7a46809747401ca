import { useState } from 'react';
import { OUTCOME_WORDS } from '../../../shared/sessions/session';
import { tierWord } from '../../../shared/scoring/tier';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { SEVERITY_WORDS, STATUS_WORDS, TYPE_WORDS, daysText } from '../findings/findingWords';
import { RaiseFinding } from '../findings/RaiseFinding';
import { formatDay } from '../format/dates';

/** The model's tier, heat and decision per cycle, oldest first; this cycle's row is computed now, earlier ones were fixed at each hand-over. */
export function ModelHistory({ modelId }: { modelId: string }) {
  const history = useCall('models.history', { modelId });
  return (
    <Loaded state={history} what="the model's history">
      {(rows) =>
        rows.length <= 1 ? (
          <p className="muted">This is the model&apos;s first cycle: its history starts here and grows with each cycle started from this one.</p>
        ) : (
          <table className="data compact history" aria-label="Tier and heat per cycle">
            <thead>
              <tr>
                <th scope="col">Cycle</th>
                <th scope="col">Tier</th>
                <th scope="col" className="num">
                  Heat
                </th>
                <th scope="col">Decision</th>
                <th scope="col">Version</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.cycleId} className={r.current ? 'current' : undefined}>
                  <th scope="row">
                    {r.cycleName}
                    {r.current && <span className="muted small"> (this cycle)</span>}
                  </th>
                  <td>{tierWord(r.tier)}</td>
                  <td className="num">{r.heat === null ? '—' : r.heat.toFixed(2)}</td>
                  <td>
                    {r.outcome === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <>
                        {OUTCOME_WORDS[r.outcome]}
                        {r.decisionDate && (
                          <span className="muted small">
                            {' '}
                            <time dateTime={r.decisionDate} title={r.decisionDate}>
                              {formatDay(r.decisionDate)}
                            </time>
                          </span>
                        )}
                      </>
                    )}
                  </td>
                  <td>{r.modelVersion ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Loaded>
  );
}

/** Every finding of the model in the register, open ones first, and the way to raise one. */
export function ModelFindings({ modelId }: { modelId: string }) {
  const findings = useCall('findings.register', { modelId });
  const [raising, setRaising] = useState(false);
  return (
    <>
      <Loaded state={findings} what="the model's findings">
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No finding is registered for this model.</p>
          ) : (
            <table className="data compact" aria-label="Findings of the model">
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Finding</th>
                  <th scope="col">Status</th>
                  <th scope="col">Owner</th>
                  <th scope="col" className="num">
                    Age
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((f) => (
                  <tr key={f.id} className={f.overdue ? 'row-overdue' : undefined}>
                    <td>
                      <span className={`severity severity-${f.severity}`}>{SEVERITY_WORDS[f.severity]}</span>
                    </td>
                    <td>
                      {f.title}
                      <span className="block muted small">
                        {TYPE_WORDS[f.type]} · {f.category} · since {f.bornCycleName}
                      </span>
                    </td>
                    <td>
                      {STATUS_WORDS[f.status]}
                      {f.overdue && <span className="finding-overdue small"> · overdue</span>}
                    </td>
                    <td>{f.owner || <span className="muted">Unassigned</span>}</td>
                    <td className="num">{daysText(f.ageDays)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      {raising ? (
        <RaiseFinding modelId={modelId} onDone={() => setRaising(false)} />
      ) : (
        <button type="button" onClick={() => setRaising(true)}>
          Raise a finding…
        </button>
      )}
    </>
  );
}
