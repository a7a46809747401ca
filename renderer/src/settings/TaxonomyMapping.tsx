import { useState } from 'react';
import { CLAUSES, FRAMEWORKS, findClause, type ClauseRef, type FindingClauses } from '../../../shared/domain/regulatoryMapping';
import { clausesOf, findingClausesOf, type Taxonomy } from '../../../shared/domain/taxonomy';

/** A list of clauses grouped by framework, "EU AI Act: 15(3), 72", one framework a line. */
export function ClauseList({ refs }: { refs: readonly ClauseRef[] }) {
  if (refs.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="rules">
      {FRAMEWORKS.filter((f) => refs.some((r) => r.framework === f.id)).map((f) => (
        <li key={f.id}>
          {f.name}:{' '}
          {refs
            .filter((r) => r.framework === f.id)
            .map((r, i) => (
              <span key={r.clause} title={findClause(r)?.title}>
                {i > 0 && ', '}
                {r.clause}
              </span>
            ))}
        </li>
      ))}
    </ul>
  );
}

/** The mapping of a taxonomy version, read only: each dimension's clauses, then each finding category's. */
export function MappingTables({ taxonomy }: { taxonomy: Taxonomy }) {
  const categories = Object.entries(findingClausesOf(taxonomy));
  return (
    <section aria-label="Regulatory mapping">
      <h3>Regulatory mapping</h3>
      <p className="muted small">
        The clauses each dimension and finding category answers, part of this taxonomy version. The packet&apos;s coverage pages read the session through it; the heatmap
        filters dimensions by framework.
      </p>
      <div className="scroll">
        <table className="data" aria-label="Clauses of each dimension">
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Clauses it answers</th>
            </tr>
          </thead>
          <tbody>
            {taxonomy.dimensions.map((d) => (
              <tr key={d.key}>
                <td>{d.label}</td>
                <td>
                  <ClauseList refs={clausesOf(d)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="data" aria-label="Clauses of each finding category">
          <thead>
            <tr>
              <th scope="col">Finding category</th>
              <th scope="col">Clauses a finding answers</th>
            </tr>
          </thead>
          <tbody>
            {categories.map(([category, refs]) => (
              <tr key={category}>
                <td>{category.replace(/_/g, ' ')}</td>
                <td>
                  <ClauseList refs={refs} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * Edits one list of clauses: each shown as a button that removes it, and a framework and a
 * clause of the catalogue to add. Only catalogue clauses can be chosen here; the service
 * refuses anything else from other clients, naming the field.
 */
export function ClauseListEditor({ owner, refs, onChange }: { owner: string; refs: readonly ClauseRef[]; onChange(next: ClauseRef[]): void }) {
  const [framework, setFramework] = useState<string>(FRAMEWORKS[0]!.id);
  const free = CLAUSES.filter((c) => c.framework === framework && !refs.some((r) => r.framework === c.framework && r.clause === c.id));
  const [clause, setClause] = useState<string>('');
  const chosen = free.find((c) => c.id === clause) ?? free[0];
  return (
    <div className="rules-edit" role="group" aria-label={`Regulatory clauses of ${owner}`}>
      <span className="muted small">{refs.length === 0 ? 'No regulatory clauses: answers no framework.' : 'Regulatory clauses it answers (press one to remove it):'}</span>
      {FRAMEWORKS.filter((f) => refs.some((r) => r.framework === f.id)).map((f) => (
        <div key={f.id} className="rule-row">
          <span>{f.name}:</span>
          {refs
            .filter((r) => r.framework === f.id)
            .map((r) => (
              <button
                key={r.clause}
                type="button"
                className="quiet"
                aria-label={`Remove ${f.name} ${r.clause}`}
                title={`${findClause(r)?.title ?? ''} (click to remove)`}
                onClick={() => onChange(refs.filter((x) => x !== r))}
              >
                {r.clause} ×
              </button>
            ))}
        </div>
      ))}
      <div className="rule-row">
        <select aria-label="Framework" value={framework} onChange={(e) => setFramework(e.target.value)}>
          {FRAMEWORKS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        <select aria-label="Clause" value={chosen?.id ?? ''} disabled={!chosen} onChange={(e) => setClause(e.target.value)}>
          {free.length === 0 && <option value="">every clause is listed</option>}
          {free.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id}: {c.title}
            </option>
          ))}
        </select>
        <button type="button" className="quiet" disabled={!chosen} onClick={() => chosen && onChange([...refs, { framework: chosen.framework, clause: chosen.id }])}>
          Add clause
        </button>
      </div>
    </div>
  );
}

/** The finding categories' clauses, each category with its list, and a category to add by name. */
export function FindingClausesEditor({ value, onChange, errors }: { value: FindingClauses; onChange(next: FindingClauses): void; errors: ReadonlyMap<string, string> }) {
  const [name, setName] = useState('');
  const key = name.trim().replace(/\s+/g, '_').toLowerCase();
  return (
    <fieldset className="card" aria-label="Finding categories">
      <legend>Finding categories</legend>
      <p className="muted small">A finding of a category answers its clauses in the packet&apos;s coverage pages. Findings raised by hand take any category; add it here to map it.</p>
      {Object.entries(value).map(([category, refs]) => (
        <div key={category} className="dimension-edit">
          <div className="rule-row">
            <strong>{category.replace(/_/g, ' ')}</strong>
            <button
              type="button"
              className="quiet"
              onClick={() => {
                const { [category]: _removed, ...rest } = value;
                onChange(rest);
              }}
            >
              Remove category
            </button>
          </div>
          <ClauseListEditor owner={`the finding category ${category.replace(/_/g, ' ')}`} refs={refs} onChange={(next) => onChange({ ...value, [category]: next })} />
          {[...errors].filter(([f]) => f.startsWith(`findingClauses.${category}`)).map(([f, m]) => (
            <p key={f} className="field-error">
              {m}
            </p>
          ))}
        </div>
      ))}
      <div className="rule-row">
        <label className="field">
          <span>New category</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" className="quiet" disabled={key === '' || key in value} onClick={() => {
            onChange({ ...value, [key]: [] });
            setName('');
          }}>
          Add category
        </button>
      </div>
    </fieldset>
  );
}
