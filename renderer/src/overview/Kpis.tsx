import type { Kpi } from '../../../shared/cycles/kpis';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { formatCount } from '../format/numbers';

function value(k: Pick<Kpi, 'unit'>, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return k.unit === 'share' ? `${(v * 100).toFixed(0)} %` : `${v.toFixed(1)} d`;
}

function basis(k: Kpi): string {
  if (k.unit === 'share') return k.denominator === null || k.denominator === 0 ? 'nothing to count yet' : `${formatCount(k.numerator ?? 0)} of ${formatCount(k.denominator)}`;
  return k.denominator === null || k.denominator === 0 ? 'nothing closed or decided yet' : `median of ${formatCount(k.denominator)}`;
}

/** The programme's KPIs, each with its definition and, when the predecessor's file is present, last cycle's value. */
export function Kpis() {
  const report = useCall('kpis.get', { withPrevious: true });
  return (
    <section className="card" aria-labelledby="kpis-title">
      <h2 id="kpis-title">Programme KPIs</h2>
      <Loaded state={report} what="the KPIs">
        {(r) => (
          <table className="data compact kpis" aria-label="Programme KPIs">
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col" className="num">
                  This cycle
                </th>
                <th scope="col" className="num">
                  {r.previousCycleName ? `Last cycle (${r.previousCycleName})` : 'Last cycle'}
                </th>
                <th scope="col">Definition</th>
              </tr>
            </thead>
            <tbody>
              {r.kpis.map((k) => (
                <tr key={k.key}>
                  <th scope="row">{k.label}</th>
                  <td className="num">
                    {value(k, k.value)}
                    <span className="block muted small">{basis(k)}</span>
                  </td>
                  <td className="num">{r.previousCycleName ? value(k, k.previous) : <span className="muted">—</span>}</td>
                  <td className="small">{k.definition}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </section>
  );
}
