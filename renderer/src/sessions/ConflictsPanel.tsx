import { useId, useState } from 'react';
import type { AgendaItem, SessionDetail } from '../../../shared/sessions/session';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { FormError } from '../forms/Field';

interface Props {
  detail: SessionDetail;
  item: AgendaItem;
  onDetail(detail: SessionDetail): void;
}

/**
 * Conflicts of interest on the item under discussion: who declared one and why, the
 * members the app suspects (owner, team, card, lineage), and a form to declare. Only
 * while the session is open and before the item is decided; the API says so otherwise.
 */
export function ConflictsPanel({ detail, item, onDetail }: Props) {
  const { client } = useApi();
  const ids = useId();
  const declared = item.conflicts ?? [];
  const suggested = item.suggestedConflicts ?? [];
  const candidates = detail.attendees.filter((a) => a.voting && !declared.some((c) => c.attendeeId === a.id));
  const [member, setMember] = useState('');
  const [reason, setReason] = useState('');
  const [recused, setRecused] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const open = detail.status === 'open';

  const act = async (call: () => Promise<SessionDetail>) => {
    setError(null);
    try {
      onDetail(await call());
      setMember('');
      setReason('');
      setRecused(true);
    } catch (err) {
      setError(asCallError(err).message);
    }
  };
  const declare = (attendeeId: string, why: string, stepAside: boolean) =>
    act(() => client.call('sessions.declareConflict', { sessionId: detail.session.id, itemId: item.id, attendeeId, reason: why, recused: stepAside }));

  return (
    <section className="conflicts" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Conflicts of interest</h3>
      {declared.length === 0 ? (
        <p className="muted">No conflict declared on this item.</p>
      ) : (
        <ul className="conflict-list">
          {declared.map((c) => (
            <li key={c.attendeeId}>
              <strong>{c.name}</strong> {c.recused ? <span className="flag">Recused</span> : <span className="muted small">declared, still votes</span>}: {c.reason}
              {open && !item.decision && (
                <button type="button" className="quiet" onClick={() => void act(() => client.call('sessions.withdrawConflict', { sessionId: detail.session.id, itemId: item.id, attendeeId: c.attendeeId }))}>
                  Withdraw
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {open && !item.decision && suggested.length > 0 && (
        <ul className="conflict-suggestions" aria-label="Likely conflicts">
          {suggested.map((s) => (
            <li key={s.attendeeId}>
              <span className="notice notice-warn">Likely conflict: {s.why}</span>{' '}
              <button type="button" onClick={() => void declare(s.attendeeId, s.why, true)}>
                Recuse {s.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && !item.decision && candidates.length > 0 && (
        <form
          className="conflict-form"
          onSubmit={(e) => {
            e.preventDefault();
            void declare(member, reason, recused);
          }}
        >
          <div className="field">
            <label htmlFor={`${ids}-member`}>Member</label>
            <select id={`${ids}-member`} value={member} onChange={(e) => setMember(e.target.value)}>
              <option value="">Choose a member…</option>
              {candidates.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-reason`}>Reason</label>
            <input id={`${ids}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="field">
            <label>
              <input type="checkbox" checked={recused} onChange={(e) => setRecused(e.target.checked)} /> Recused from the vote
            </label>
          </div>
          <button type="submit" disabled={member === ''}>
            Declare conflict
          </button>
        </form>
      )}
      <FormError message={error} />
    </section>
  );
}
