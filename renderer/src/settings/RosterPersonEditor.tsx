import { useState, type FormEvent } from 'react';
import { ROSTER_ROLE_WORDS, RosterRoleSchema, type Person, type RosterRole } from '../../../shared/people/roster';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Field, FormError } from '../forms/Field';
import { noErrors, placeError, type FormErrors } from '../forms/fieldErrors';

type EditField = 'name' | 'email' | 'organisation' | 'role';

interface Props {
  person: Person;
  onSaved(people: Person[]): void;
  onCancel(): void;
}

/**
 * Changes one person of the roster (a misspelt e-mail, a new role), as one audited event.
 * The person chosen on this machine follows a changed name at once; a changed e-mail
 * needs choosing again, since the machine keeps the e-mail.
 */
export function RosterPersonEditor({ person, onSaved, onCancel }: Props) {
  const { client } = useApi();
  const [name, setName] = useState(person.name);
  const [email, setEmail] = useState(person.email);
  const [organisation, setOrganisation] = useState(person.organisation);
  const [role, setRole] = useState<RosterRole>(person.role);
  const [errors, setErrors] = useState<FormErrors<EditField>>(noErrors);

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      onSaved(await client.call('roster.update', { id: person.id, name, email, organisation, role }));
    } catch (err) {
      setErrors(placeError(asCallError(err).error, ['name', 'email', 'organisation', 'role']));
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} aria-label={`Change ${person.name}`} noValidate>
      <Field label="Name" value={name} onValue={setName} error={errors.fields.name} />
      <Field label="E-mail" value={email} onValue={setEmail} error={errors.fields.email} />
      <Field label="Organisation" value={organisation} onValue={setOrganisation} error={errors.fields.organisation} />
      <div className="field">
        <label htmlFor={`roster-role-${person.id}`}>Role</label>
        <select id={`roster-role-${person.id}`} value={role} onChange={(e) => setRole(RosterRoleSchema.parse(e.target.value))}>
          {RosterRoleSchema.options.map((r) => (
            <option key={r} value={r}>
              {ROSTER_ROLE_WORDS[r]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary">
        Save changes
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <FormError message={errors.form} />
    </form>
  );
}
