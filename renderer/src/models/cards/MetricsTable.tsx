import { isObject, type Json } from './cardDocument';
import { FieldValue } from './Fields';

/**
 * A card's performance metrics as a table: metric, value, slice and confidence interval.
 * Model Card Toolkit writes snake_case keys, CycloneDX camelCase; both are read.
 */

function pick(o: Record<string, Json>, ...keys: string[]): Json | undefined {
  for (const k of keys) if (k in o) return o[k];
  return undefined;
}

function interval(ci: Json | undefined): string {
  if (!isObject(ci)) return '—';
  const lower = pick(ci, 'lower_bound', 'lowerBound');
  const upper = pick(ci, 'upper_bound', 'upperBound');
  return lower === undefined && upper === undefined ? '—' : `${String(lower ?? '—')} to ${String(upper ?? '—')}`;
}

export function MetricsTable({ metrics, label }: { metrics: Json | undefined; label: string }) {
  if (!Array.isArray(metrics) || metrics.length === 0) return <p className="muted">The card states no performance metrics.</p>;
  return (
    <table className="data compact" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="num">
            Value
          </th>
          <th scope="col">Slice</th>
          <th scope="col">Confidence interval</th>
        </tr>
      </thead>
      <tbody>
        {metrics.map((m, i) =>
          isObject(m) ? (
            <tr key={i}>
              <td>
                <FieldValue value={m.type} />
              </td>
              <td className="num">
                <FieldValue value={m.value} />
              </td>
              <td>
                <FieldValue value={m.slice} />
              </td>
              <td>{interval(pick(m, 'confidence_interval', 'confidenceInterval'))}</td>
            </tr>
          ) : (
            <tr key={i}>
              <td colSpan={4}>
                <FieldValue value={m} />
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
