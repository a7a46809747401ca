import { useMemo, useState, type FormEvent } from 'react';
import type { CycleInfo } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Field, FormActions, FormError } from '../forms/Field';
import { noErrors, placeError, type FormErrors } from '../forms/fieldErrors';
import { formatDay } from '../format/dates';
import { dialogKeys } from '../sessions/dialogFocus';
import { draftNextCycle, localToday } from './nextPeriod';

type FieldName = 'name' | 'path' | 'periodStart' | 'periodEnd';

/**
 * Starts the next cycle from the open one: a new workspace file with the inventory, the
 * latest evidence, the taxonomy and settings, every open follow-up, acceptance and
 * finding, and this cycle's scores as prior scores. The open cycle is not changed; once
 * the new file is written, it is opened in its place.
 */
export function NextCycleDialog({ cycle, onOpened, onCancel }: { cycle: CycleInfo; onOpened(next: CycleInfo): void; onCancel(): void }) {
  const { client } = useApi();
  const draft = useMemo(() => draftNextCycle(cycle, localToday()), [cycle]);
  const [name, setName] = useState(draft.name);
  const [file, setFile] = useState(draft.file);
  const [periodStart, setPeriodStart] = useState(draft.periodStart);
  const [periodEnd, setPeriodEnd] = useState(draft.periodEnd);
  const [errors, setErrors] = useState<FormErrors<FieldName>>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    let path = file.trim();
    if (path !== '' && !/\.[^\\/]+$/.test(path)) path = `${path}.mrb`;
    try {
      const created = await client.call('cycle.next', { path, name, periodStart, periodEnd });
      onOpened(await client.call('cycle.open', { path: created.path }));
    } catch (err) {
      setErrors(placeError(asCallError(err).error, ['name', 'path', 'periodStart', 'periodEnd']));
      setBusy(false);
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={onCancel}>
      <form
        className="card form next-cycle-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="next-cycle-title"
        aria-describedby="next-cycle-body"
        onSubmit={(e) => void submit(e)}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => dialogKeys(e, { close: onCancel })}
      >
        <h2 id="next-cycle-title">Start the next cycle</h2>
        <p id="next-cycle-body" className="muted">
          A new workspace follows {cycle.name}
          {cycle.periodEnd && <> (ends {formatDay(cycle.periodEnd)})</>}. It carries the inventory with each model&apos;s latest evidence, the taxonomy and settings, every open
          condition, mitigation, risk acceptance and finding, and this cycle&apos;s scores as prior scores. {cycle.name} itself stays as it is.
        </p>
        <Field label="Name" value={name} onValue={setName} error={errors.fields.name} autoFocus />
        <div className="field-row">
          <Field label="Period start" type="date" value={periodStart} onValue={setPeriodStart} error={errors.fields.periodStart} hint={cycle.periodEnd ? `After ${formatDay(cycle.periodEnd)}, the day ${cycle.name} ends.` : undefined} />
          <Field label="Period end" type="date" value={periodEnd} onValue={setPeriodEnd} error={errors.fields.periodEnd} />
        </div>
        <Field
          label="File"
          value={file}
          onValue={setFile}
          error={errors.fields.path}
          hint="The new workspace file, ending in .mrb; it must not exist yet. A relative path is taken from the folder the app was started in."
        />
        <FormError message={errors.form} />
        <FormActions submit={busy ? 'Starting…' : 'Start next cycle'} onCancel={onCancel} busy={busy} />
      </form>
    </div>
  );
}
