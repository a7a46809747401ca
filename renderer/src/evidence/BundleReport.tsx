import { useEffect, useRef } from 'react';
import type { MetricSet, ValidationReport } from '../../../shared/validation/report';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { formatCount } from '../format/numbers';
import { reportColumnWords } from '../help/metricWords';
import { useDialogFocus } from '../sessions/dialogFocus';
import { CopyButton } from '../frame/CopyButton';

function value(v: MetricSet[string] | undefined, key = ''): string {
  if (v === undefined || v === null) return '—';
  // Pairs: `missing` counts empty cells (reference / current); the others are intervals.
  if (Array.isArray(v)) return key === 'missing' ? `${formatCount(v[0])} / ${formatCount(v[1])}` : `${v[0].toFixed(4)} – ${v[1].toFixed(4)}`;
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
    <div className="scroll">
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
          {report.claims.map((c, i) => (
            // Claims lifted from evidence files may repeat a path; the order of the report is stable.
            <tr key={i} className={`claim-${c.status}`}>
              <td>
                <code className="claim-path">{c.path}</code>
                {c.source && <div className="small muted">at {c.source.pointer}</div>}
                {c.definition && <div className="small">{c.definition}</div>}
                {c.neighbour && <div className="small muted">matches {c.neighbour.definition}</div>}
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
    </div>
  );
}

/** A table of recomputed metrics; with `describe`, each column's name carries its one-line meaning, listed under the table. */
function MetricTable({ label, rows, keys, describe }: { label: string; rows: [string, MetricSet][]; keys: string[]; describe?: (key: string) => string | undefined }) {
  const shown = keys.filter((k) => rows.some(([, set]) => k in set));
  const legend = describe ? shown.flatMap((k) => (describe(k) ? [[k, describe(k) as string] as const] : [])) : [];
  return (
    <div className="scroll">
      <table className="data compact" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            {shown.map((k) => (
              <th key={k} scope="col" className="num" title={describe?.(k)}>
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
                  {value(set[k], k)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {legend.length > 0 && (
        <dl className="metric-legend small" aria-label={`${label}: what the columns mean`}>
          {legend.map(([k, words]) => (
            <div key={k}>
              <dt>
                <code>{k}</code>
              </dt>
              <dd className="muted">{words}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

const PSI_SCALE = 0.5;

/** One bar per feature on a fixed PSI scale, with the 0.1 and 0.25 finding thresholds marked. */
function PsiChart({ drift }: { drift: Record<string, MetricSet> }) {
  const rows = Object.entries(drift);
  const width = 420;
  const label = 120;
  const bar = 14;
  const x = (v: number) => label + (Math.min(v, PSI_SCALE) / PSI_SCALE) * (width - label - 48);
  return (
    <svg className="psi-chart" width={width} height={rows.length * (bar + 6) + 20} role="img" aria-label="PSI per feature, with the 0.1 and 0.25 thresholds">
      {rows.map(([feature, set], i) => {
        const psi = typeof set.psi === 'number' ? set.psi : null;
        const y = i * (bar + 6);
        const level = psi === null ? 'none' : psi >= 0.25 ? 'high' : psi >= 0.1 ? 'medium' : 'low';
        return (
          <g key={feature}>
            <text x={label - 8} y={y + bar - 3} textAnchor="end" className="psi-label">
              {feature}
            </text>
            {psi !== null && <rect x={label} y={y} width={x(psi) - label} height={bar} className={`psi-bar psi-${level}`} />}
            <text x={psi === null ? label : x(psi) + 4} y={y + bar - 3} className="psi-label">
              {psi === null ? 'n/a' : psi.toFixed(3)}
            </text>
          </g>
        );
      })}
      {[0.1, 0.25].map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={0} y2={rows.length * (bar + 6)} className="psi-threshold" />
          <text x={x(t)} y={rows.length * (bar + 6) + 14} textAnchor="middle" className="psi-label">
            {t}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** A bundle's validation report in the right-hand drawer: claims, findings, metrics, files. */
export function BundleReport({ sha256, onClose }: { sha256: string; onClose(): void }) {
  const report = useCall('bundles.report', { sha256 });
  const metrics = useCall('taxonomy.metrics', {});
  const describe = (key: string) => reportColumnWords(key, metrics.value ?? []);
  const dialog = useRef<HTMLElement>(null);
  useDialogFocus(dialog);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="drawer" role="dialog" aria-label="Bundle report" ref={dialog} tabIndex={-1}>
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
              Bundle <code title={r.bundle.sha256}>{r.bundle.sha256.slice(0, 16)}…</code> <CopyButton value={r.bundle.sha256} what="the bundle's SHA-256" />
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
                <MetricTable label="Overall" rows={[['all rows', r.metrics.overall]]} keys={OVERALL_KEYS} describe={describe} />
                {Object.entries(r.metrics.groups).map(([attr, groups]) => (
                  <MetricTable key={attr} label={attr} rows={Object.entries(groups)} keys={OVERALL_KEYS} />
                ))}
              </>
            )}
            {Object.keys(r.metrics.fairness).length > 0 && (
              <MetricTable label="Fairness" rows={Object.entries(r.metrics.fairness)} keys={['demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference']} describe={describe} />
            )}
            {Object.keys(r.metrics.drift).length > 0 && (
              <>
                <MetricTable label="Drift" rows={Object.entries(r.metrics.drift)} keys={['psi', 'ks', 'missing']} describe={describe} />
                <PsiChart drift={r.metrics.drift} />
              </>
            )}
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
