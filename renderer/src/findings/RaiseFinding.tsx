import { useState, type FormEvent } from 'react';
import type { FindingType, RegisterSeverity } from '../../../shared/cycles/findings';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { placeError } from '../forms/fieldErrors';
import { useCall } from '../api/useCall';
import { Field, FormActions, FormError } from '../forms/Field';
import { SEVERITIES, SEVERITY_WORDS, TYPES, TYPE_WORDS } from './findingWords';

const FIELDS = ['modelId', 'type', 'severity', 'category', 'title', 'owner', 'due'] as const;
type FieldName = (typeof FIELDS)[number];

function Choice({ id, label, value, options, error, onValue }: { id: string; label: string; value: string; options: { value: string; label: string }[]; error?: string; onValue(v: string): void }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onValue(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A finding the analyst or the board raises by hand: a policy exception, a limitation, an issue seen in review. */
export function RaiseFinding({ modelId: fixedModel, onDone }: { modelId?: string; onDone(): void }) {
  const { client } = useApi();
  const models = useCall('models.list', {});
  const [modelId, setModelId] = useState(fixedModel ?? '');
  const [type, setType] = useState<FindingType>('validation_issue');
  const [severity, setSeverity] = useState<RegisterSeverity>('medium');
  const [category, setCategory] = useState('');
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    try {
      await client.call('findings.raise', { modelId, type, severity, category, title, owner, due: due === '' ? null : due });
      onDone();
    } catch (err) {
      const placed = placeError(asCallError(err).error, FIELDS);
      setErrors(placed.fields);
      setFormError(placed.form);
    }
  }

  return (
    <form className="card form" aria-label="Raise a finding" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <h3>Raise a finding</h3>
      {fixedModel === undefined && (
        <Choice
          id="raise-model"
          label="Model"
          value={modelId}
          error={errors.modelId}
          onValue={setModelId}
          options={[{ value: '', label: 'Choose a model…' }, ...(models.value ?? []).map((m) => ({ value: m.id, label: m.name }))]}
        />
      )}
      <div className="field-row">
        <Choice id="raise-type" label="Type" value={type} error={errors.type} onValue={(v) => setType(v as FindingType)} options={TYPES.map((t) => ({ value: t, label: TYPE_WORDS[t] }))} />
        <Choice id="raise-severity" label="Severity" value={severity} error={errors.severity} onValue={(v) => setSeverity(v as RegisterSeverity)} options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_WORDS[s] }))} />
        <Field label="Category" value={category} onValue={setCategory} error={errors.category} placeholder="fairness, drift, documentation…" />
      </div>
      <Field label="Finding" value={title} onValue={setTitle} error={errors.title} placeholder="What is wrong, in one sentence" />
      <div className="field-row">
        <Field label="Owner" value={owner} onValue={setOwner} error={errors.owner} placeholder="Team or person" />
        <Field label="Due" type="date" value={due} onValue={setDue} error={errors.due} />
      </div>
      <FormError message={formError} />
      <FormActions submit="Raise finding" onCancel={onDone} />
    </form>
  );
}
