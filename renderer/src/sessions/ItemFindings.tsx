import { useState } from 'react';
import { SEVERITY_ORDER } from '../../../shared/validation/report';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { formatDay, formatMoment } from '../format/dates';
import { SEVERITY_WORDS, STATUS_WORDS, TYPE_WORDS, daysText } from '../findings/findingWords';
import { RaiseFinding } from '../findings/RaiseFinding';

/**
 * The findings of a model's latest bundle, most severe first: the evidence the board
 * discusses; then the model's open findings from the register (carried ones included),
 * with owner, due date and age, so the board sees what is still unresolved.
 */
export function ItemFindings({ modelId }: { modelId: string }) {
  return (
    <>
      <BundleFindings modelId={modelId} />
      <RegisterFindings modelId={modelId} />
    </>
  );
}

function RegisterFindings({ modelId }: { modelId: string }) {
  const open = useCall('findings.register', { modelId, openOnly: true });
  const [raising, setRaising] = useState(false);
  return (
    <div className="item-register-findings">
      <h3 className="small">Open in the findings register</h3>
      <Loaded state={open} what="the model's open findings">
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted small">No open finding in the register for this model.</p>
          ) : (
            <ul className="findings" aria-label="Open register entries">
              {rows.map((f) => (
                <li key={f.id}>
                  <span className={`severity severity-${f.severity}`}>{SEVERITY_WORDS[f.severity]}</span> {f.title}{' '}
                  <span className="muted small">
                    {TYPE_WORDS[f.type]} · {STATUS_WORDS[f.status]} · {f.owner || 'unassigned'}
                    {f.due && (
                      <>
                        {' '}
                        · due{' '}
                        <time dateTime={f.due} title={f.due}>
                          {formatDay(f.due)}
                        </time>
                      </>
                    )}{' '}
                    · open {daysText(f.ageDays)}
                    {f.overdue && ' · overdue'}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {raising ? (
        <RaiseFinding modelId={modelId} onDone={() => setRaising(false)} />
      ) : (
        <button type="button" className="quiet" onClick={() => setRaising(true)}>
          Raise a finding…
        </button>
      )}
    </div>
  );
}

function BundleFindings({ modelId }: { modelId: string }) {
  const bundles = useCall('bundles.list', { modelId });
  return (
    <Loaded state={bundles} what="the model's bundles">
      {(list) => {
        const latest = list[0];
        if (!latest) return <p className="muted">No evaluation bundle has been imported for this model, so there is no evidence to discuss.</p>;
        return (
          <>
            <p className="muted small">
              Bundle v{latest.modelVersion}, imported{' '}
              <time dateTime={latest.importedAt} title={latest.importedAt}>
                {formatMoment(latest.importedAt)}
              </time>{' '}
              · <code title={latest.sha256}>{latest.sha256.slice(0, 12)}</code>
            </p>
            <Findings sha256={latest.sha256} />
          </>
        );
      }}
    </Loaded>
  );
}

function Findings({ sha256 }: { sha256: string }) {
  const report = useCall('bundles.report', { sha256 });
  return (
    <Loaded state={report} what="the findings">
      {(r) => {
        const findings = [...r.findings].sort((a, b) => SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity));
        if (findings.length === 0) return <p className="muted">The latest bundle has no findings: every claim recomputes within tolerance.</p>;
        return (
          <ul className="findings" aria-label="Findings">
            {findings.map((f, i) => (
              <li key={i}>
                <span className={`severity severity-${f.severity}`}>{f.severity}</span> {f.message}
              </li>
            ))}
          </ul>
        );
      }}
    </Loaded>
  );
}
