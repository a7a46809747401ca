import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { formatMoment } from '../format/dates';
import { formatFixed } from '../format/numbers';
import { ToleranceSetting } from './ToleranceSetting';

/** The cycle's settings: the claim tolerance, and the taxonomy as stored (thresholds, dimensions, weights, evidence rules). */
export function TaxonomyView() {
  const taxonomy = useCall('taxonomy.get', {});
  return (
    <div>
      <header className="place-header">
        <h1>Settings</h1>
      </header>
      <ToleranceSetting />
      <h2>Risk taxonomy</h2>
      <Loaded state={taxonomy} what="the taxonomy">
        {(t) => (
          <>
            <p className="muted">
              Version {t.version}, from <time dateTime={t.createdAt} title={t.createdAt}>{formatMoment(t.createdAt)}</time>. Heat is the weighted mean of a model's scored
              dimensions; its tier: low below {formatFixed(t.thresholds.medium, 1)}, medium from {formatFixed(t.thresholds.medium, 1)}, high from{' '}
              {formatFixed(t.thresholds.high, 1)}, critical from {formatFixed(t.thresholds.critical, 1)}.
            </p>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Dimension</th>
                  <th scope="col">Key</th>
                  <th scope="col">Axis</th>
                  <th scope="col" className="num">
                    Weight
                  </th>
                  <th scope="col">Evidence rules</th>
                </tr>
              </thead>
              <tbody>
                {t.dimensions.map((d) => (
                  <tr key={d.key}>
                    <td>
                      <div>{d.label}</div>
                      <div className="muted small">{d.description}</div>
                    </td>
                    <td>
                      <code>{d.key}</code>
                    </td>
                    <td>{d.axis}</td>
                    <td className="num">{formatFixed(d.weight)}</td>
                    <td>
                      {d.rules.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        <ul className="rules">
                          {d.rules.map((r, i) => (
                            <li key={i}>
                              <code>
                                {r.metric} {r.op} {r.value} → {r.score}
                              </code>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Loaded>
    </div>
  );
}
