import { useRef, useState, type FormEvent } from 'react';
import { ROSTER_ROLE_WORDS } from '../../../shared/people/roster';
import { useCall } from '../api/useCall';
import type { SessionDetail } from '../../../shared/sessions/session';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Field, FormError } from '../forms/Field';
import { noErrors, placeError, type FormErrors } from '../forms/fieldErrors';
import { formatMoment } from '../format/dates';

interface Props {
  detail: SessionDetail;
  readOnly: boolean;
  onDetail(detail: SessionDetail): void;
}

/**
 * Who is on the list, with role and vote, and who is in the room. Ticking a name records
 * it at once (attendance is taken at the start, but people arrive late and leave early);
 * the quorum sentence above follows every tick.
 */
export function Attendance({ detail, readOnly, onDetail }: Props) {
  const { client } = useApi();
  const [error, setError] = useState<string | null>(null);
  // A tick shows at once; the record (and the quorum) follow with the API's reply.
  const [ticking, setTicking] = useState<Record<string, boolean>>({});
  const { session, attendees } = detail;

  const mark = async (attendeeId: string, present: boolean) => {
    setError(null);
    setTicking((t) => ({ ...t, [attendeeId]: present }));
    try {
      onDetail(await client.call('sessions.attendance', { sessionId: session.id, marks: [{ attendeeId, present }] }));
    } catch (err) {
      setError(asCallError(err).message);
    } finally {
      setTicking(({ [attendeeId]: _done, ...rest }) => rest);
    }
  };
  const remove = async (attendeeId: string) => {
    setError(null);
    try {
      onDetail(await client.call('sessions.attendees.remove', { sessionId: session.id, attendeeId }));
    } catch (err) {
      setError(asCallError(err).message);
    }
  };

  return (
    <section className="card attendance" aria-labelledby="attendance-heading">
      <div className="section-head">
        <h2 id="attendance-heading">Attendance</h2>
        <span className="muted small">
          {session.attendanceTakenAt ? (
            <>
              Taken{' '}
              <time dateTime={session.attendanceTakenAt} title={session.attendanceTakenAt}>
                {formatMoment(session.attendanceTakenAt)}
              </time>
            </>
          ) : attendees.length > 0 && !readOnly ? (
            'Not taken yet: tick who is in the room.'
          ) : null}
        </span>
      </div>
      {attendees.length === 0 ? (
        <p className="muted">{readOnly ? 'No attendees were recorded.' : 'Add the board members who are expected, with their role and whether they vote; then tick who is present.'}</p>
      ) : (
        <table className="compact attendees" aria-label="Attendees">
          <thead>
            <tr>
              <th scope="col">Present</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Votes</th>
              {!readOnly && (
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {attendees.map((a) => (
              <tr key={a.id}>
                <td>
                  <input type="checkbox" checked={ticking[a.id] ?? a.present} disabled={readOnly} onChange={(e) => void mark(a.id, e.target.checked)} aria-label={`${a.name} present`} />
                </td>
                <td>{a.name}</td>
                <td>{a.role || <span className="muted">—</span>}</td>
                <td>{a.voting ? 'Voting' : <span className="muted">Not voting</span>}</td>
                {!readOnly && (
                  <td className="num">
                    <button type="button" className="quiet" onClick={() => void remove(a.id)} aria-label={`Remove ${a.name}`}>
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError message={error} />
      {!readOnly && <AddAttendee sessionId={session.id} onDetail={onDetail} />}
    </section>
  );
}

type AddField = 'name' | 'role' | 'voting';

function AddAttendee({ sessionId, onDetail }: { sessionId: string; onDetail(detail: SessionDetail): void }) {
  const { client } = useApi();
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [voting, setVoting] = useState(true);
  const [errors, setErrors] = useState<FormErrors<AddField>>(noErrors);
  const nameInput = useRef<HTMLDivElement>(null);
  const people = useCall('roster.list', {});
  // The roster e-mail of the person picked, which links the attendee to them; typing another name unlinks.
  const [email, setEmail] = useState<string | undefined>(undefined);
  const typeName = (value: string) => {
    setName(value);
    setEmail(undefined);
  };

  // Picking a person of the cycle's roster fills the form with their name and role as the roster has them.
  const pick = (id: string) => {
    const p = people.value?.find((x) => x.id === id);
    if (!p) return;
    setEmail(p.email);
    setName(p.name);
    setRole(ROSTER_ROLE_WORDS[p.role]);
    setVoting(p.role === 'chair' || p.role === 'voting_member');
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      onDetail(await client.call('sessions.attendees.add', { sessionId, name, role, voting, ...(email === undefined ? {} : { email }) }));
      setName('');
      setEmail(undefined);
      setRole('');
      setErrors(noErrors);
      // Ready for the next name: a chair adds the whole board in one go.
      nameInput.current?.querySelector('input')?.focus();
    } catch (err) {
      setErrors(placeError(asCallError(err).error, ['name', 'role', 'voting']));
    }
  }

  return (
    <form className="add-attendee" onSubmit={(e) => void submit(e)} aria-label="Add attendee" noValidate>
      {(people.value?.length ?? 0) > 0 && (
        <label className="field">
          From the roster
          <select value="" onChange={(e) => pick(e.target.value)}>
            <option value="">Choose a person…</option>
            {people.value?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({ROSTER_ROLE_WORDS[p.role]})
              </option>
            ))}
          </select>
        </label>
      )}
      <div ref={nameInput}>
        <Field label="Name" value={name} onValue={typeName} error={errors.fields.name} />
      </div>
      <Field label="Role" value={role} onValue={setRole} error={errors.fields.role} placeholder="e.g. Compliance" />
      <label className="check add-voting">
        <input type="checkbox" checked={voting} onChange={(e) => setVoting(e.target.checked)} /> Voting member
      </label>
      <button type="submit">Add attendee</button>
      <FormError message={errors.form} />
    </form>
  );
}
