import { useMemo, useState } from 'react';
import { checkMapping, type ClauseRef, type FindingClauses } from '../../../shared/domain/regulatoryMapping';
import { clausesOf, findingClausesOf, floorsOf, minCoverageOf, type Dimension, type EvidenceRule, type Taxonomy, type TierFloor } from '../../../shared/domain/taxonomy';
import { checkTaxonomy } from '../../../shared/scoring/taxonomyValidation';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { noErrors, placeError, type FormErrors } from '../forms/fieldErrors';
import { useCall } from '../api/useCall';
import { focusAtNextFrame } from '../sessions/dialogFocus';
import { ClauseListEditor, FindingClausesEditor } from './TaxonomyMapping';

/** The form keeps numbers as typed, so "1." or "" can be shown and named instead of lost. */
interface RuleDraft {
  metric: string;
  op: EvidenceRule['op'];
  value: string;
  score: string;
}

interface DimensionDraft {
  key: string;
  label: string;
  description: string;
  axis: Dimension['axis'];
  weight: string;
  rules: RuleDraft[];
  clauses: ClauseRef[];
  /** Keys of saved dimensions stay fixed: scores are stored under them. */
  isNew: boolean;
}

interface Draft {
  thresholds: { medium: string; high: string; critical: string };
  dimensions: DimensionDraft[];
  /** Minimum coverage in percent, as typed. */
  minCoverage: string;
  floors: TierFloor[];
  findingClauses: FindingClauses;
}

const OPS: EvidenceRule['op'][] = ['>=', '>', '<=', '<'];

function draftOf(t: Taxonomy): Draft {
  return {
    thresholds: { medium: String(t.thresholds.medium), high: String(t.thresholds.high), critical: String(t.thresholds.critical) },
    minCoverage: String(Math.round(minCoverageOf(t) * 1000) / 10),
    floors: floorsOf(t).map((f) => ({ ...f })),
    findingClauses: structuredClone(findingClausesOf(t)),
    dimensions: t.dimensions.map((d) => ({
      key: d.key,
      label: d.label,
      description: d.description,
      axis: d.axis,
      weight: String(d.weight),
      rules: d.rules.map((r) => ({ metric: r.metric, op: r.op, value: String(r.value), score: String(r.score) })),
      clauses: clausesOf(d).map((r) => ({ ...r })),
      isNew: false,
    })),
  };
}

/** The draft as the call takes it, plus a sentence for every field that is not a number. */
function parseDraft(d: Draft): { value: Pick<Taxonomy, 'thresholds' | 'dimensions' | 'minCoverage' | 'floors' | 'findingClauses'>; problems: Map<string, string> } {
  const problems = new Map<string, string>();
  const num = (text: string, field: string, what: string): number => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) {
      problems.set(field, `${what} (${field}) is "${text}"; enter a number.`);
      return Number.NaN;
    }
    return v;
  };
  const value = {
    thresholds: {
      medium: num(d.thresholds.medium, 'thresholds.medium', 'The medium threshold'),
      high: num(d.thresholds.high, 'thresholds.high', 'The high threshold'),
      critical: num(d.thresholds.critical, 'thresholds.critical', 'The critical threshold'),
    },
    minCoverage: num(d.minCoverage, 'minCoverage', 'The minimum coverage') / 100,
    floors: d.floors,
    findingClauses: d.findingClauses,
    dimensions: d.dimensions.map((dim, i) => ({
      key: dim.key,
      label: dim.label,
      description: dim.description,
      axis: dim.axis,
      weight: num(dim.weight, `dimensions[${i}].weight`, `The weight of "${dim.label}"`),
      rules: dim.rules.map((r, j) => ({
        metric: r.metric,
        op: r.op,
        value: num(r.value, `dimensions[${i}].rules[${j}].value`, `Rule ${j + 1} of "${dim.label}"`),
        score: num(r.score, `dimensions[${i}].rules[${j}].score`, `Rule ${j + 1} of "${dim.label}"`),
      })),
      clauses: dim.clauses,
    })),
  };
  return { value, problems };
}

/** The controls that show an error, named as the rules and the service name their fields. */
function editorFields(d: Draft): string[] {
  return [
    'thresholds.medium',
    'thresholds.high',
    'thresholds.critical',
    'minCoverage',
    'dimensions',
    ...d.dimensions.flatMap((dim, i) => [
      ...(['label', 'key', 'weight'] as const).map((name) => `dimensions[${i}].${name}`),
      ...dim.rules.flatMap((_, j) => (['metric', 'value', 'score'] as const).map((name) => `dimensions[${i}].rules[${j}].${name}`)),
      `dimensions[${i}].clauses`,
    ]),
    ...Object.keys(d.findingClauses).map((category) => `findingClauses.${category}`),
  ];
}

/** A clause list shows the errors of all its clauses under it. */
const clauseList = (path: string) => /^(dimensions\[\d+\]\.clauses|findingClauses\.[^.[]+)/.exec(path)?.[1];

function ErrorAt({ errors, field }: { errors: Map<string, string>; field: string }) {
  const message = errors.get(field);
  return message ? <p className="field-error">{message}</p> : null;
}

/**
 * Edits the taxonomy as a whole and saves it as a new version. Problems show at the field
 * that causes them (checked here with the same rules the service applies, and again by the
 * service on save); the saved versions before it stay as they were.
 */
export function TaxonomyEditor({ taxonomy, onDone }: { taxonomy: Taxonomy; onDone(saved: Taxonomy | null): void }) {
  const { client } = useApi();
  const metrics = useCall('taxonomy.metrics', {});
  const [draft, setDraft] = useState<Draft>(() => draftOf(taxonomy));
  // The version the draft started from: the page refreshes `taxonomy` when another window
  // saves, but the draft still rests on the version it was read at.
  const [base, setBase] = useState(taxonomy.version);
  const [stale, setStale] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<FormErrors<string>>(noErrors);
  const [saving, setSaving] = useState(false);
  const known = useMemo(() => new Set((metrics.value ?? []).map((m) => m.name)), [metrics.value]);
  const metricWords = useMemo(() => new Map((metrics.value ?? []).map((m) => [m.name, m.description])), [metrics.value]);

  const parsed = parseDraft(draft);
  const errors = new Map(parsed.problems);
  if (metrics.value) {
    for (const p of checkTaxonomy(parsed.value, known)) if (!errors.has(p.field)) errors.set(p.field, p.message);
  }
  for (const p of checkMapping(parsed.value)) if (!errors.has(p.field)) errors.set(p.field, p.message);
  // The service's refusal, placed as every form places one, shows where no rule here already speaks.
  for (const [field, message] of Object.entries(serverErrors.fields)) if (message !== undefined && !errors.has(field)) errors.set(field, message);
  const shown = tried ? errors : new Map<string, string>();

  const update = (change: (d: Draft) => void) => {
    setServerErrors(noErrors);
    setStale(null);
    setDraft((d) => {
      const next = structuredClone(d);
      change(next);
      return next;
    });
  };

  const save = async () => {
    setTried(true);
    if (errors.size > 0) {
      // Show the analyst where: the first marked field, after React has marked it.
      focusAtNextFrame(() => document.querySelector<HTMLElement>('.taxonomy-editor [aria-invalid="true"]'));
      return;
    }
    setSaving(true);
    try {
      const saved = await client.call('taxonomy.update', { ...parsed.value, expectedVersion: base });
      onDone(saved);
    } catch (err) {
      const e = asCallError(err);
      if (e.code === 'conflict') setStale(e.message);
      else setServerErrors(placeError(e.error, editorFields(draft), clauseList));
    } finally {
      setSaving(false);
    }
  };

  /** Starts again from the version saved meanwhile; the edits made here are dropped. */
  const reload = async () => {
    try {
      const fresh = await client.call('taxonomy.get', {});
      setDraft(draftOf(fresh));
      setBase(fresh.version);
      setStale(null);
      setTried(false);
    } catch (err) {
      setServerErrors({ fields: {}, form: asCallError(err).message });
    }
  };

  const dimensionField = (i: number, name: keyof DimensionDraft) => `dimensions[${i}].${name}`;
  const firstError = shown.values().next().value as string | undefined;

  return (
    <form
      className="taxonomy-editor"
      aria-label="Edit the taxonomy"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p className="muted small">
        Saving makes a new version; scores keep the version they were made under. Evidence rules: when a metric of the model's latest bundle crosses the value, the rule
        proposes the score, and the highest firing proposal wins.
      </p>
      <fieldset className="card">
        <legend>Tier thresholds</legend>
        <p className="muted small">A model's tier is low below the medium threshold; each threshold is where its tier starts. They must rise, above 1 and at most 5.</p>
        <div className="threshold-row">
          {(['medium', 'high', 'critical'] as const).map((t) => (
            <label key={t} className={`field${shown.has(`thresholds.${t}`) ? ' field-invalid' : ''}`}>
              <span>{t[0]?.toUpperCase() + t.slice(1)} from</span>
              <input inputMode="decimal" value={draft.thresholds[t]} aria-invalid={shown.has(`thresholds.${t}`) || undefined} onChange={(e) => update((d) => (d.thresholds[t] = e.target.value))} />
              <ErrorAt errors={shown} field={`thresholds.${t}`} />
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="card" aria-label="Coverage and floors">
        <legend>Coverage and floors</legend>
        <p className="muted small">
          Below the minimum share of weighted dimensions scored, a model&apos;s tier is Incomplete. A floor puts a model at least in a tier whatever its heat; floors only raise a
          tier.
        </p>
        <label className={`field${shown.has('minCoverage') ? ' field-invalid' : ''}`}>
          <span>Minimum coverage (%)</span>
          <input inputMode="decimal" value={draft.minCoverage} aria-invalid={shown.has('minCoverage') || undefined} onChange={(e) => update((d) => (d.minCoverage = e.target.value))} />
          <ErrorAt errors={shown} field="minCoverage" />
        </label>
        <ol className="rules" aria-label="Floors">
          {draft.floors.map((f, j) => (
            <li key={j} className="rule-row">
              {f.when === 'dimension_score' ? (
                <>
                  <span>Any dimension scored</span>
                  <select aria-label="Score at least" value={f.atLeast} onChange={(e) => update((d) => (d.floors[j] = { ...f, atLeast: Number(e.target.value) }))}>
                    {[1, 2, 3, 4, 5].map((s) => (
                      <option key={s} value={s}>
                        {s} or more
                      </option>
                    ))}
                  </select>
                </>
              ) : (
                <>
                  <span>An open finding of severity</span>
                  <select aria-label="Finding severity" value={f.severity} onChange={(e) => update((d) => (d.floors[j] = { ...f, severity: e.target.value as 'high' | 'critical' }))}>
                    <option value="high">high or critical</option>
                    <option value="critical">critical</option>
                  </select>
                </>
              )}
              <span>makes it at least</span>
              <select aria-label="Tier at least" value={f.tier} onChange={(e) => update((d) => (d.floors[j] = { ...f, tier: e.target.value as TierFloor['tier'] }))}>
                <option value="medium">Medium</option>
                <option value="high">High</option>
                <option value="critical">Critical</option>
              </select>
              <button type="button" className="quiet" onClick={() => update((d) => d.floors.splice(j, 1))}>
                Remove floor
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="quiet" onClick={() => update((d) => d.floors.push({ when: 'dimension_score', atLeast: 4, tier: 'high' }))}>
          Add a dimension floor
        </button>
        <button type="button" className="quiet" onClick={() => update((d) => d.floors.push({ when: 'open_finding', severity: 'critical', tier: 'critical' }))}>
          Add a finding floor
        </button>
      </fieldset>

      <ErrorAt errors={shown} field="dimensions" />
      {draft.dimensions.map((dim, i) => (
        <fieldset key={i} className="card dimension-edit" aria-label={`Dimension ${dim.label || i + 1}`}>
          <legend>{dim.label || `Dimension ${i + 1}`}</legend>
          <div className="dimension-grid">
            <label className={`field${shown.has(dimensionField(i, 'label')) ? ' field-invalid' : ''}`}>
              <span>Label</span>
              <input value={dim.label} aria-invalid={shown.has(dimensionField(i, 'label')) || undefined} onChange={(e) => update((d) => (d.dimensions[i]!.label = e.target.value))} />
              <ErrorAt errors={shown} field={dimensionField(i, 'label')} />
            </label>
            <label className={`field${shown.has(dimensionField(i, 'key')) ? ' field-invalid' : ''}`}>
              <span>Key</span>
              <input value={dim.key} aria-invalid={shown.has(dimensionField(i, 'key')) || undefined} readOnly={!dim.isNew} title={dim.isNew ? undefined : 'Scores are stored under this key; it cannot change.'} onChange={(e) => update((d) => (d.dimensions[i]!.key = e.target.value))} />
              <ErrorAt errors={shown} field={dimensionField(i, 'key')} />
            </label>
            <label className="field">
              <span>Axis</span>
              <select value={dim.axis} onChange={(e) => update((d) => (d.dimensions[i]!.axis = e.target.value as Dimension['axis']))}>
                <option value="likelihood">likelihood</option>
                <option value="impact">impact</option>
              </select>
            </label>
            <label className={`field${shown.has(dimensionField(i, 'weight')) ? ' field-invalid' : ''}`}>
              <span>Weight</span>
              <input inputMode="decimal" value={dim.weight} aria-invalid={shown.has(dimensionField(i, 'weight')) || undefined} onChange={(e) => update((d) => (d.dimensions[i]!.weight = e.target.value))} />
              <ErrorAt errors={shown} field={dimensionField(i, 'weight')} />
            </label>
            <label className="field description">
              <span>Description</span>
              <input value={dim.description} onChange={(e) => update((d) => (d.dimensions[i]!.description = e.target.value))} />
            </label>
          </div>
          <div className="rules-edit">
            {dim.rules.length === 0 && <span className="muted small">No evidence rules: scored by the analyst alone.</span>}
            {dim.rules.map((r, j) => {
              const at = `dimensions[${i}].rules[${j}]`;
              return (
                <div key={j} className="rule-row" role="group" aria-label={`Rule ${j + 1} of ${dim.label}`}>
                  <select aria-label="Metric" value={r.metric} aria-invalid={shown.has(`${at}.metric`) || undefined} onChange={(e) => update((d) => (d.dimensions[i]!.rules[j]!.metric = e.target.value))}>
                    {!known.has(r.metric) && <option value={r.metric}>{r.metric || 'choose a metric'}</option>}
                    {(metrics.value ?? []).map((m) => (
                      <option key={m.name} value={m.name} title={m.description}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                  <select aria-label="Comparison" value={r.op} onChange={(e) => update((d) => (d.dimensions[i]!.rules[j]!.op = e.target.value as EvidenceRule['op']))}>
                    {OPS.map((op) => (
                      <option key={op} value={op}>
                        {op}
                      </option>
                    ))}
                  </select>
                  <input aria-label="Value" inputMode="decimal" className="rule-value" value={r.value} onChange={(e) => update((d) => (d.dimensions[i]!.rules[j]!.value = e.target.value))} />
                  <span aria-hidden="true">→</span>
                  <select aria-label="Proposed score" value={r.score} onChange={(e) => update((d) => (d.dimensions[i]!.rules[j]!.score = e.target.value))}>
                    {['1', '2', '3', '4', '5'].map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="quiet" onClick={() => update((d) => d.dimensions[i]!.rules.splice(j, 1))}>
                    Remove rule
                  </button>
                  {metricWords.get(r.metric) && <span className="muted small metric-description">{metricWords.get(r.metric)}</span>}
                  <ErrorAt errors={shown} field={`${at}.metric`} />
                  <ErrorAt errors={shown} field={`${at}.value`} />
                  <ErrorAt errors={shown} field={`${at}.score`} />
                </div>
              );
            })}
            <ClauseListEditor owner={dim.label || `dimension ${i + 1}`} refs={dim.clauses} onChange={(next) => update((d) => (d.dimensions[i]!.clauses = next))} />
            {[...shown].filter(([f]) => f.startsWith(`dimensions[${i}].clauses`)).map(([f, m]) => (
              <p key={f} className="field-error">
                {m}
              </p>
            ))}
            <div className="actions">
              <button type="button" className="quiet" onClick={() => update((d) => d.dimensions[i]!.rules.push({ metric: 'drift.psi_max', op: '>=', value: '0.25', score: '4' }))}>
                Add rule
              </button>
              <button type="button" className="quiet" onClick={() => update((d) => d.dimensions.splice(i, 1))}>
                Remove dimension
              </button>
            </div>
          </div>
        </fieldset>
      ))}
      <FindingClausesEditor value={draft.findingClauses} errors={shown} onChange={(next) => update((d) => (d.findingClauses = next))} />
      <div className="actions sticky-actions">
        <button
          type="button"
          onClick={() => update((d) => d.dimensions.push({ key: '', label: '', description: '', axis: 'impact', weight: '1', rules: [], clauses: [], isNew: true }))}
        >
          Add dimension
        </button>
        <span className="spacer-flex" />
        {tried && firstError && (
          <span className="form-error" role="alert">
            {errors.size === 1 ? firstError : `${firstError} (and ${errors.size - 1} more; see the marked fields)`}
          </span>
        )}
        {serverErrors.form !== null && (
          <span className="form-error" role="alert">
            {serverErrors.form}
          </span>
        )}
        {!stale && taxonomy.version !== base && (
          <span className="notice" role="status">
            Version {taxonomy.version} was saved in another window while you edit version {base}.{' '}
            <button type="button" onClick={() => void reload()}>
              Reload the taxonomy
            </button>
          </span>
        )}
        {stale && (
          <span className="form-error" role="alert">
            {stale}{' '}
            <button type="button" onClick={() => void reload()}>
              Reload the taxonomy
            </button>
          </span>
        )}
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : `Save as version ${base + 1}`}
        </button>
      </div>
    </form>
  );
}
