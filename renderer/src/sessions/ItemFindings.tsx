import { SEVERITY_ORDER } from '../../../shared/validation/report';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { formatMoment } from '../format/dates';

/** The findings of a model's latest bundle, most severe first: the evidence the board discusses. */
export function ItemFindings({ modelId }: { modelId: string }) {
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
