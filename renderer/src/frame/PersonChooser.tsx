import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ROSTER_ROLE_WORDS } from '../../../shared/people/roster';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { useCall } from '../api/useCall';
import { FormError } from '../forms/Field';
import './person.css';

interface Props {
  /** Opens the roster (Settings), where people are added. */
  onRoster(): void;
}

/**
 * Who is using the app (issue 13 §1): the roster person chosen on this machine, whom every
 * audit event, minute and packet names. Until someone is chosen the computer account is
 * recorded, and the top bar says so plainly and offers the choice.
 */
export function PersonChooser({ onRoster }: Props) {
  const { client } = useApi();
  const profile = useCall('profile.get', {});
  const people = useCall('roster.list', {});
  const [open, setOpen] = useState(false);
  const [pick, setPick] = useState('');
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  const p = profile.value;
  if (!p) return null;
  const roster = people.value ?? [];

  const close = () => {
    setOpen(false);
    setError(null);
    button.current?.focus();
  };
  const toggle = () => {
    if (open) return close();
    setPick(p.person?.email ?? roster[0]?.email ?? '');
    setOpen(true);
  };
  const choose = async (email: string | null) => {
    setError(null);
    try {
      profile.replace(await client.call('profile.choose', { email }));
      close();
    } catch (err) {
      setError(asCallError(err).message);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void choose(pick);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  };

  const who = p.person ? p.person.name : p.email ? `${p.email}, not on this roster` : 'not chosen';
  return (
    <div className="person" onKeyDown={onKey}>
      <button
        ref={button}
        type="button"
        className={`person-button${p.person ? '' : ' person-unchosen'}`}
        aria-expanded={open}
        aria-haspopup="dialog"
        title={`Changes made here are recorded as ${p.actor}`}
        onClick={toggle}
      >
        You: <strong>{who}</strong>
        {p.person && <span className="muted"> · {ROSTER_ROLE_WORDS[p.person.role]}</span>}
      </button>
      {open && (
        <div className="person-panel" role="dialog" aria-label="Who is using the app">
          <p>
            Changes made here are recorded as <strong className="person-actor">{p.actor}</strong>
            {p.person ? '.' : p.email ? `: ${p.email} is not on the roster of this cycle.` : ', the computer account: choose yourself so the audit log, the minutes and the packets name you.'}
          </p>
          {roster.length === 0 ? (
            <>
              <p className="muted">Nobody is on the roster of this cycle yet.</p>
              <button
                type="button"
                onClick={() => {
                  close();
                  onRoster();
                }}
              >
                Add people to the roster
              </button>
            </>
          ) : (
            <form onSubmit={submit} aria-label="Choose who you are">
              <div className="field">
                <label htmlFor="person-pick">I am</label>
                {/* Opening the chooser is asking to choose: the list takes the focus. */}
                <select id="person-pick" value={pick} onChange={(e) => setPick(e.target.value)} autoFocus>
                  {roster.map((r) => (
                    <option key={r.id} value={r.email}>
                      {r.name} ({ROSTER_ROLE_WORDS[r.role]}), {r.email}
                    </option>
                  ))}
                </select>
              </div>
              <div className="person-actions">
                <button type="submit" className="primary">
                  Choose
                </button>
                {p.email !== null && (
                  <button type="button" className="quiet" onClick={() => void choose(null)}>
                    Forget the choice
                  </button>
                )}
              </div>
            </form>
          )}
          <FormError message={error} />
        </div>
      )}
    </div>
  );
}
