import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { formatMoment } from '../format/dates';
import { BundleReport } from './BundleReport';
import { ImportPanel } from './ImportPanel';

/** Evidence: import bundles, see what each holds and what its validation found (one bundle's report at `#/evidence/<sha256>`). */
export function Evidence({ bundle, onBundle }: { bundle?: string; onBundle(sha256: string | undefined): void }) {
  const bundles = useCall('bundles.list', {});
  return (
    <div>
      <header className="place-header">
        <h1>Evidence</h1>
      </header>
      <ImportPanel />
      <Loaded state={bundles} what="the bundles">
        {(list) =>
          list.length === 0 ? (
            <section className="card empty-state">
              <h2>No bundles yet</h2>
              <p>Import a team's evaluation bundle above: its files are checked against their hashes, its metrics recomputed and its claims tested.</p>
            </section>
          ) : (
            <table className="data" aria-label="Bundles">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Version</th>
                  <th scope="col">Imported</th>
                  <th scope="col" className="num">High</th>
                  <th scope="col" className="num">Medium</th>
                  <th scope="col" className="num">Low</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {list.map((b) => (
                  <tr key={b.sha256}>
                    <td>
                      <button type="button" className="link" onClick={() => onBundle(b.sha256)}>
                        {b.modelId}
                      </button>
                    </td>
                    <td>{b.modelVersion}</td>
                    <td>
                      <time dateTime={b.importedAt} title={b.importedAt}>
                        {formatMoment(b.importedAt)}
                      </time>
                    </td>
                    <td className="num">{b.findings.high + b.findings.critical}</td>
                    <td className="num">{b.findings.medium}</td>
                    <td className="num">{b.findings.low}</td>
                    <td className="muted">{b.sourceName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      {bundle !== undefined && <BundleReport sha256={bundle} onClose={() => onBundle(undefined)} />}
    </div>
  );
}
