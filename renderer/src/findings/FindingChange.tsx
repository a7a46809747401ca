import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RegisterFinding } from '../../../shared/cycles/findings';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { placeError } from '../forms/fieldErrors';
import { useCall } from '../api/useCall';
import { Field, FormActions, FormError } from '../forms/Field';
import { formatDay } from '../format/dates';

export type ChangeMode = 'assign' | 'remediate' | 'close' | 'cover' | 'reopen';

const TITLES: Readonly<Record<ChangeMode, string>> = {
  assign: 'Assign finding',
  remediate: 'Start remediation',
  close: 'Close finding with evidence',
  cover: 'Cover finding by a risk acceptance',
  reopen: 'Reopen finding',
};

const SUBMIT: Readonly<Record<ChangeMode, string>> = {
  assign: 'Assign',
  remediate: 'Start remediation',
  close: 'Close finding',
  cover: 'Link acceptance',
  reopen: 'Reopen',
};

const NOTE_HINT: Readonly<Record<ChangeMode, string>> = {
  assign: 'Optional: why this owner, or what was agreed.',
  remediate: 'What the team is doing about it.',
  close: 'The evidence it is fixed: a bundle, a ticket, a document reference.',
  cover: 'Why the acceptance covers this finding.',
  reopen: 'Why it is open again.',
};

const FIELDS = ['owner', 'due', 'note', 'acceptanceId'] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * One follow-up step on a finding, in a small form above the register: the register's
 * rules (a closing needs its evidence note, a cover needs an acceptance of the same model)
 * are the service's, and its sentence lands at the field it names.
 */
export function FindingChange({ row, mode, onDone }: { row: RegisterFinding; mode: ChangeMode; onDone(): void }) {
  const { client } = useApi();
  const acceptances = useCall('registers.acceptances', {});
  const [owner, setOwner] = useState(row.owner);
  const [due, setDue] = useState(row.due ?? '');
  const [note, setNote] = useState('');
  const [acceptanceId, setAcceptanceId] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const ofModel = (acceptances.value ?? []).filter((a) => a.modelId === row.modelId && !a.superseded);

  useEffect(() => form.current?.querySelector<HTMLElement>('input, select')?.focus(), [row.id, mode]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    const withNote = note.trim() === '' ? {} : { note };
    const args =
      mode === 'assign'
        ? { id: row.id, owner, due: due === '' ? null : due, ...withNote }
        : mode === 'remediate'
          ? { id: row.id, status: 'in_remediation' as const, ...withNote }
          : mode === 'close'
            ? { id: row.id, status: 'closed_with_evidence' as const, note }
            : mode === 'cover'
              ? { id: row.id, status: 'covered_by_acceptance' as const, note, ...(acceptanceId ? { acceptanceId } : {}) }
              : { id: row.id, status: 'open' as const, ...withNote };
    try {
      await client.call('findings.update', args);
      onDone();
    } catch (err) {
      const placed = placeError(asCallError(err).error, FIELDS);
      setErrors(placed.fields);
      setFormError(placed.form);
    }
  }

  return (
    <form
      ref={form}
      className="card status-change"
      aria-label={TITLES[mode]}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <p>
        <strong>{TITLES[mode]}:</strong> {row.title}{' '}
        <span className="muted">
          ({row.modelName}, opened {formatDay(row.openedOn)})
        </span>
      </p>
      {mode === 'assign' && (
        <div className="field-row">
          <Field label="Owner" value={owner} onValue={setOwner} error={errors.owner} placeholder="Team or person" />
          <Field label="Due" type="date" value={due} onValue={setDue} error={errors.due} />
        </div>
      )}
      {mode === 'cover' && (
        <div className={`field${errors.acceptanceId ? ' field-invalid' : ''}`}>
          <label htmlFor="finding-acceptance">Risk acceptance</label>
          <select
            id="finding-acceptance"
            value={acceptanceId}
            onChange={(e) => setAcceptanceId(e.target.value)}
            aria-invalid={errors.acceptanceId ? true : undefined}
            aria-describedby={errors.acceptanceId ? 'finding-acceptance-error' : undefined}
          >
            <option value="">Choose an acceptance of {row.modelName}…</option>
            {ofModel.map((a) => (
              <option key={a.id} value={a.id}>
                {a.risk} (until {a.expiry}, {a.approver})
              </option>
            ))}
          </select>
          {ofModel.length === 0 && <p className="field-hint">{row.modelName} has no risk acceptance in force; the board records one with a decision.</p>}
          {errors.acceptanceId && (
            <p className="field-error" id="finding-acceptance-error">
              {errors.acceptanceId}
            </p>
          )}
        </div>
      )}
      <Field label={mode === 'close' ? 'Evidence note' : 'Note'} value={note} onValue={setNote} error={errors.note} hint={NOTE_HINT[mode]} />
      <FormError message={formError} />
      <FormActions submit={SUBMIT[mode]} onCancel={onDone} />
    </form>
  );
}
