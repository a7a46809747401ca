import { useId } from 'react';
import type { Attendee, VoteChoice } from '../../../shared/sessions/session';
import type { ApprovalFormState } from './decisionDraft';

interface Props {
  attendees: readonly Attendee[];
  recused: ReadonlySet<string>;
  approval: ApprovalFormState;
  error: string | undefined;
  onApproval(approval: ApprovalFormState): void;
}

const CHOICES: readonly VoteChoice[] = ['for', 'against', 'abstain'];

/**
 * How the board approves amending a closed decision: the chair's and the secretary's
 * sign-off, or a vote of the voting members with quorum (members recused from the item
 * do not vote). The API checks names, quorum and the majority; its sentence lands here.
 */
export function ApprovalFieldset({ attendees, recused, approval, error, onApproval }: Props) {
  const ids = useId();
  const voters = attendees.filter((a) => a.voting && !recused.has(a.id));
  return (
    <fieldset className="approval" aria-invalid={error ? true : undefined}>
      <legend>The board's approval of the amendment</legend>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <label className="inline">
        <input type="radio" name={`${ids}-basis`} checked={approval.basis === 'signoff'} onChange={() => onApproval({ ...approval, basis: 'signoff' })} /> Sign-off by the chair and the secretary
      </label>
      <label className="inline">
        <input type="radio" name={`${ids}-basis`} checked={approval.basis === 'vote'} onChange={() => onApproval({ ...approval, basis: 'vote' })} /> A vote of the board (with quorum)
      </label>
      {approval.basis === 'signoff' ? (
        <div className="approval-signoff">
          <label htmlFor={`${ids}-chair`}>Chair</label>
          <input id={`${ids}-chair`} value={approval.chair} onChange={(e) => onApproval({ ...approval, chair: e.target.value })} />
          <label htmlFor={`${ids}-secretary`}>Secretary</label>
          <input id={`${ids}-secretary`} value={approval.secretary} onChange={(e) => onApproval({ ...approval, secretary: e.target.value })} />
        </div>
      ) : (
        <table className="votes-table compact">
          <thead>
            <tr>
              <th scope="col">Member</th>
              {CHOICES.map((c) => (
                <th key={c} scope="col" className="vote-choice-head">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {voters.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                {CHOICES.map((c) => (
                  <td key={c} className="vote-choice">
                    <input
                      type="radio"
                      name={`${ids}-vote-${a.id}`}
                      checked={approval.votes[a.id] === c}
                      onChange={() => onApproval({ ...approval, votes: { ...approval.votes, [a.id]: c } })}
                      aria-label={`${a.name}: ${c} the amendment`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}
