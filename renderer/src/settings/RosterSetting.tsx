import { useState, type FormEvent } from 'react';
import { ROSTER_ROLE_WORDS, RosterRoleSchema, type RosterRole } from '../../../shared/people/roster';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { useCall } from '../api/useCall';
import { Field, FormError } from '../forms/Field';
import { RosterPersonEditor } from './RosterPersonEditor';

/**
 * The roster of the cycle: the people of the board and their roles, carried into the next
 * cycle; session attendance is picked from it. Each change is an audited event.
 */
export function RosterSetting() {
  const { client } = useApi();
  const people = useCall('roster.list', {});
  // The person chosen on this machine (top bar) is marked, so the roster says who "you" are.
  const profile = useCall('profile.get', {});
  const you = profile.value?.person?.id;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [role, setRole] = useState<RosterRole>('voting_member');
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const edited = people.value?.find((p) => p.id === editing);

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      people.replace(await client.call('roster.add', { name, email, organisation, role }));
      setName('');
      setEmail('');
      setOrganisation('');
    } catch (err) {
      setError(asCallError(err).message);
    }
  }

  async function remove(id: string) {
    setError(null);
    try {
      people.replace(await client.call('roster.remove', { id }));
    } catch (err) {
      setError(asCallError(err).message);
    }
  }

  return (
    <section className="card form" aria-labelledby="roster-title">
      <h2 id="roster-title">Roster</h2>
      {(people.value ?? []).length === 0 ? (
        <p className="muted">Nobody is on the roster of this cycle yet. Add the board: attendance at each session is picked from it.</p>
      ) : (
        <table className="compact" aria-label="Roster">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Organisation</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Change or remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.value?.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.name}
                  {p.id === you && <span className="muted"> (you)</span>}
                </td>
                <td>{p.email}</td>
                <td>{p.organisation}</td>
                <td>{ROSTER_ROLE_WORDS[p.role]}</td>
                <td>
                  <button type="button" className="quiet" onClick={() => setEditing(p.id)} aria-label={`Change ${p.name}`}>
                    Change
                  </button>{' '}
                  <button type="button" className="quiet" onClick={() => void remove(p.id)} aria-label={`Remove ${p.name} from the roster`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {edited && (
        <RosterPersonEditor
          key={edited.id}
          person={edited}
          onSaved={(list) => {
            people.replace(list);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <form onSubmit={(e) => void add(e)} aria-label="Add to the roster" noValidate>
        <Field label="Name" value={name} onValue={setName} />
        <Field label="E-mail" value={email} onValue={setEmail} placeholder="a.khan@bank.example" />
        <Field label="Organisation" value={organisation} onValue={setOrganisation} />
        <div className="field">
          <label htmlFor="roster-role">Role</label>
          <select id="roster-role" value={role} onChange={(e) => setRole(RosterRoleSchema.parse(e.target.value))}>
            {RosterRoleSchema.options.map((r) => (
              <option key={r} value={r}>
                {ROSTER_ROLE_WORDS[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Add to the roster</button>
        <FormError message={error} />
      </form>
    </section>
  );
}
