import { useState, type FormEvent } from 'react';
import { localDate } from '../../../shared/sessions/dates';
import type { Session, SessionDetail } from '../../../shared/sessions/session';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Field, FormActions, FormError } from '../forms/Field';
import { noErrors, placeError, type FormErrors } from '../forms/fieldErrors';

type FieldName = 'title' | 'date' | 'location' | 'chair' | 'quorum';
const FIELDS: readonly FieldName[] = ['title', 'date', 'location', 'chair', 'quorum'];

/**
 * A new session, or the details of an open one. The quorum is a majority of the voting
 * members unless the session's terms fix a number; an empty field keeps the majority.
 */
export function SessionForm({ session, onSaved, onCancel }: { session?: Session; onSaved(detail: SessionDetail): void; onCancel(): void }) {
  const { client } = useApi();
  const [title, setTitle] = useState(session?.title ?? '');
  const [date, setDate] = useState(session?.date ?? localDate(new Date()));
  const [location, setLocation] = useState(session?.location ?? '');
  const [chair, setChair] = useState(session?.chair ?? '');
  const [quorum, setQuorum] = useState(session?.quorum === null || session?.quorum === undefined ? '' : String(session.quorum));
  const [errors, setErrors] = useState<FormErrors<FieldName>>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fixed = quorum.trim() === '' ? null : Number(quorum);
    if (fixed !== null && !Number.isInteger(fixed)) {
      setErrors({ fields: { quorum: 'The quorum is a whole number of voting members; leave it empty for a majority.' }, form: null });
      return;
    }
    setBusy(true);
    try {
      const fields = { title, date, location, chair, quorum: fixed };
      onSaved(session ? await client.call('sessions.update', { sessionId: session.id, ...fields }) : await client.call('sessions.create', fields));
    } catch (err) {
      setErrors(placeError(asCallError(err).error, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form session-form" onSubmit={(e) => void submit(e)} aria-label={session ? 'Session details' : 'New session'} noValidate>
      {!session && <h2>New session</h2>}
      <Field label="Title" value={title} onValue={setTitle} error={errors.fields.title} placeholder="Q3 model risk board" autoFocus />
      <div className="field-row">
        <Field label="Date" type="date" value={date} onValue={setDate} error={errors.fields.date} />
        <Field label="Location" value={location} onValue={setLocation} error={errors.fields.location} placeholder="Room 4.12, or a call link" />
      </div>
      <div className="field-row">
        <Field label="Chair" value={chair} onValue={setChair} error={errors.fields.chair} />
        <Field label="Quorum" inputMode="numeric" value={quorum} onValue={setQuorum} error={errors.fields.quorum} hint="Empty: a majority of the voting members." />
      </div>
      <FormError message={errors.form} />
      <FormActions submit={session ? 'Save details' : 'Create session'} onCancel={onCancel} busy={busy} />
    </form>
  );
}
