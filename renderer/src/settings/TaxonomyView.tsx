import { useState } from 'react';
import type { Taxonomy } from '../../../shared/domain/taxonomy';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { formatMoment } from '../format/dates';
import { formatFixed } from '../format/numbers';
import { TaxonomyEditor } from './TaxonomyEditor';
import { MappingTables } from './TaxonomyMapping';
import { AcceptanceLimitSetting, ToleranceSetting } from './ToleranceSetting';
import { RosterSetting } from './RosterSetting';

function Versions({ shown, onShow }: { shown: number | undefined; onShow(version: number | undefined): void }) {
  const versions = useCall('taxonomy.versions', {});
  return (
    <Loaded state={versions} what="the taxonomy versions">
      {(list) =>
        list.length < 2 ? null : (
          <details className="versions">
            <summary>Version history ({list.length} versions)</summary>
            <ul>
              {list.map((v, i) => (
                <li key={v.version}>
                  <button type="button" className="link" aria-current={(shown ?? list[0]?.version) === v.version ? 'true' : undefined} onClick={() => onShow(i === 0 ? undefined : v.version)}>
                    Version {v.version}
                  </button>{' '}
                  <span className="muted small">
                    <time dateTime={v.createdAt} title={v.createdAt}>
                      {formatMoment(v.createdAt)}
                    </time>{' '}
                    · {v.dimensions} dimensions · {v.scores} current scores made under it
                  </span>
                </li>
              ))}
            </ul>
          </details>
        )
      }
    </Loaded>
  );
}

/** The cycle's settings: the claim tolerance, and the taxonomy (thresholds, dimensions, weights, evidence rules) with its versions. */
export function TaxonomyView() {
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const taxonomy = useCall('taxonomy.get', version === undefined ? {} : { version });
  const done = (saved: Taxonomy | null) => {
    setEditing(false);
    if (saved) setSavedNote(`Saved as version ${saved.version}. Scores keep the version they were made under; heat now follows version ${saved.version}.`);
  };
  return (
    <div>
      <header className="place-header">
        <h1>Settings</h1>
      </header>
      <ToleranceSetting />
      <AcceptanceLimitSetting />
      <RosterSetting />
      <div className="section-head">
        <h2>Risk taxonomy</h2>
        {!editing && version === undefined && (
          <button type="button" onClick={() => { setSavedNote(null); setEditing(true); }}>
            Edit taxonomy
          </button>
        )}
      </div>
      {savedNote && <p role="status" className="saved-note">{savedNote}</p>}
      <Versions shown={version} onShow={(v) => { setEditing(false); setVersion(v); }} />
      <Loaded state={taxonomy} what="the taxonomy">
        {(t) => editing ? <TaxonomyEditor taxonomy={t} onDone={done} /> : (
          <>
            {version !== undefined && (
              <p className="notice">
                Showing version {t.version}, read only.{' '}
                <button type="button" className="link" onClick={() => setVersion(undefined)}>
                  Back to the current version
                </button>
              </p>
            )}
            <p className="muted">
              Version {t.version}, from <time dateTime={t.createdAt} title={t.createdAt}>{formatMoment(t.createdAt)}</time>. Heat is the weighted mean of a model's scored
              dimensions; its tier: low below {formatFixed(t.thresholds.medium, 1)}, medium from {formatFixed(t.thresholds.medium, 1)}, high from{' '}
              {formatFixed(t.thresholds.high, 1)}, critical from {formatFixed(t.thresholds.critical, 1)}.
            </p>
            <div className="scroll">
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
            </div>
            <MappingTables taxonomy={t} />
          </>
        )}
      </Loaded>
    </div>
  );
}
