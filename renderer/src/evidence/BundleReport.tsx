import { useEffect } from 'react';
import type { MetricSet, ValidationReport } from '../../../shared/validation/report';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { formatCount } from '../format/numbers';

function value(v: MetricSet[string] | undefined): string {
  if (v === undefined || v === null) return '—';
  if (Array.isArray(v)) return `${v[0].toFixed(4)} – ${v[1].toFixed(4)}`;
  return Number.isInteger(v) ? formatCount(v) : v.toFixed(4);
}

/** Six decimals, so a difference under the tolerance still shows; no "-0.000000". */
function signed(d: number): string {
  const text = d.toFixed(6);
  return /^-0\.0+$/.test(text) ? text.slice(1) : text;
}

const OVERALL_KEYS = ['n', 'positives', 'roc_auc', 'roc_auc_ci95', 'average_precision', 'accuracy', 'precision', 'recall', 'f1', 'selection_rate', 'log_loss', 'brier', 'ece', 'rmse', 'mae', 'r2'];

function Claims({ report }: { report: ValidationReport }) {
  if (report.claims.length === 0) return <p className="muted">The bundle makes no claims.</p>;
  return (
    <table className="data" aria-label="Claims">
      <thead>
        <tr>
          <th scope="col">Claim</th>
          <th scope="col" className="num">Claimed</th>
          <th scope="col" className="num">Recomputed</th>
          <th scope="col" className="num">Difference</th>
          <th scope="col" className="num">Tolerance</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {report.claims.map((c) => (
          <tr key={c.path} className={`claim-${c.status}`}>
            <td>
              <code>{c.path}</code>
            </td>
            <td className="num">{c.claimed.toFixed(4)}</td>
            <td className="num">{value(c.recomputed)}</td>
            <td className="num">{c.difference === null ? '—' : signed(c.difference)}</td>
            <td className="num">{c.tolerance.toFixed(4)}</td>
            <td title={c.reason ?? undefined}>{c.status.replace('_', ' ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MetricTable({ label, rows, keys }: { label: string; rows: [string, MetricSet][]; keys: string[] }) {
  const shown = keys.filter((k) => rows.some(([, set]) => k in set));
  return (
    <div className="scroll">
      <table className="data compact" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            {shown.map((k) => (
              <th key={k} scope="col" className="num">
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, set]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {shown.map((k) => (
                <td key={k} className="num">
                  {value(set[k])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A bundle's validation report in the right-hand drawer: claims, findings, metrics, files. */
export function BundleReport({ sha256, onClose }: { sha256: string; onClose(): void }) {
  const report = useCall('bundles.report', { sha256 });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="drawer" role="dialog" aria-label="Bundle report">
      <div className="drawer-head">
        <h2>Bundle report</h2>
        <button type="button" onClick={onClose} aria-label="Close the report">
          Close
        </button>
      </div>
      <Loaded state={report} what="the report">
        {(r) => (
          <div className="drawer-body">
            <p>
              Model <strong>{r.bundle.model_id}</strong> {r.bundle.version} · <span className={r.ok ? 'audit-ok' : 'audit-broken'}>{r.ok ? 'passes' : 'fails: high findings'}</span>
            </p>
            <p className="muted small">
              Bundle <code title={r.bundle.sha256}>{r.bundle.sha256.slice(0, 16)}…</code>
            </p>
            <h3>Findings</h3>
            {r.findings.length === 0 ? (
              <p className="muted">No findings.</p>
            ) : (
              <ul className="findings">
                {r.findings.map((f, i) => (
                  <li key={i}>
                    <span className={`severity severity-${f.severity}`}>{f.severity}</span> {f.message}
                  </li>
                ))}
              </ul>
            )}
            <h3>Claims</h3>
            <Claims report={r} />
            {r.metrics.overall && (
              <>
                <h3>Recomputed metrics</h3>
                <MetricTable label="Overall" rows={[['all rows', r.metrics.overall]]} keys={OVERALL_KEYS} />
                {Object.entries(r.metrics.groups).map(([attr, groups]) => (
                  <MetricTable key={attr} label={attr} rows={Object.entries(groups)} keys={OVERALL_KEYS} />
                ))}
              </>
            )}
            {Object.keys(r.metrics.fairness).length > 0 && (
              <MetricTable label="Fairness" rows={Object.entries(r.metrics.fairness)} keys={['demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference']} />
            )}
            {Object.keys(r.metrics.drift).length > 0 && <MetricTable label="Drift" rows={Object.entries(r.metrics.drift)} keys={['psi', 'ks', 'missing']} />}
            <h3>Files</h3>
            <table className="data compact" aria-label="Files">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Role</th>
                  <th scope="col" className="num">Bytes</th>
                  <th scope="col">SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {r.files.map((f) => (
                  <tr key={f.path}>
                    <td>{f.path}</td>
                    <td>{f.listed ? f.role : 'unlisted'}</td>
                    <td className="num">{formatCount(f.bytes)}</td>
                    <td>
                      <code title={f.sha256}>{f.sha256.slice(0, 16)}…</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </aside>
  );
}
