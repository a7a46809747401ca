import { tallyOf } from '../../../shared/sessions/quorum';
import { dissentingVote, opposes } from '../../../shared/sessions/dissent';
import { OUTCOME_WORDS, type Attendee, type Outcome, type QuorumStatus, type VoteChoice } from '../../../shared/sessions/session';
import { tallyText } from './sessionText';

const CHOICES: readonly { vote: VoteChoice; word: string }[] = [
  { vote: 'for', word: 'For' },
  { vote: 'against', word: 'Against' },
  { vote: 'abstain', word: 'Abstain' },
];

interface Props {
  attendees: readonly Attendee[];
  quorum: QuorumStatus;
  votes: Readonly<Record<string, VoteChoice>>;
  errors: Readonly<Record<string, string>>;
  onVotes(votes: Record<string, VoteChoice>): void;
  /** The outcome the board votes on, so the form says what a vote means. */
  outcome: Outcome;
  /** Members recused from the item: listed, never asked to vote. */
  recused: ReadonlySet<string>;
  reasons: Readonly<Record<string, string>>;
  dissents: Readonly<Record<string, boolean>>;
  onReasons(reasons: Record<string, string>): void;
  onDissents(dissents: Record<string, boolean>): void;
}

/**
 * One row of for / against / abstain per present voting member, the live tally, and the
 * quorum sentence. The API refuses a decision while quorum is not met; the chair reads why
 * here before trying, and the API's own sentence lands here when it refuses.
 */
export function VotesFieldset({ attendees, quorum, votes, errors, onVotes, outcome, recused, reasons, dissents, onReasons, onDissents }: Props) {
  const voters = attendees.filter((a) => a.voting && a.present && !recused.has(a.id));
  const stepAside = attendees.filter((a) => a.voting && a.present && recused.has(a.id));
  const absent = attendees.filter((a) => a.voting && !a.present);
  const nonVoting = attendees.filter((a) => !a.voting && a.present);
  const given = voters.flatMap((a) => (votes[a.id] ? [{ vote: votes[a.id] as VoteChoice }] : []));
  const tally = tallyOf(given);
  const missing = voters.length - given.length;
  const error = errors.votes;
  return (
    <fieldset className="votes" aria-invalid={error ? true : undefined} aria-describedby="votes-quorum">
      <legend>Votes on the proposed outcome: {OUTCOME_WORDS[outcome]}</legend>
      <p className="muted small">
        A vote for approves the model and against opposes it; a vote {dissentingVote(outcome)} dissents from “{OUTCOME_WORDS[outcome]}” and may be recorded as a dissent with its reason.
      </p>
      <p id="votes-quorum" className={`quorum-line ${quorum.met ? 'quorum-met' : 'quorum-not-met'}`}>
        {quorum.met ? quorum.message : `No decision can be recorded yet. ${quorum.message}`}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {voters.length > 0 && (
        <>
          <table className="votes-table compact">
            <thead>
              <tr>
                <th scope="col">Member</th>
                {CHOICES.map((c) => (
                  <th key={c.vote} scope="col" className="vote-choice-head">
                    {c.word}
                  </th>
                ))}
                <th scope="col">Reason</th>
                <th scope="col">Dissent</th>
              </tr>
            </thead>
            <tbody>
              {voters.map((a) => {
                const rowError = errors[`vote:${a.id}`];
                return (
                  <tr key={a.id} className={rowError ? 'vote-invalid' : undefined}>
                    <th scope="row">
                      {a.name}
                      {a.role && <span className="muted small"> · {a.role}</span>}
                      {rowError && <span className="field-error block">{rowError}</span>}
                    </th>
                    {CHOICES.map((c) => (
                      <td key={c.vote} className="vote-choice">
                        <input
                          type="radio"
                          name={`vote-${a.id}`}
                          checked={votes[a.id] === c.vote}
                          onChange={() => onVotes({ ...votes, [a.id]: c.vote })}
                          aria-label={`${a.name}: ${c.word}`}
                          aria-invalid={rowError ? true : undefined}
                        />
                      </td>
                    ))}
                    <td>
                      <input
                        type="text"
                        className="vote-reason"
                        value={reasons[a.id] ?? ''}
                        onChange={(e) => onReasons({ ...reasons, [a.id]: e.target.value })}
                        aria-label={`${a.name}: reason for the vote`}
                      />
                    </td>
                    <td className="vote-choice">
                      <input
                        type="checkbox"
                        checked={dissents[a.id] === true}
                        disabled={!opposes(outcome, votes[a.id] ?? 'abstain')}
                        onChange={(e) => onDissents({ ...dissents, [a.id]: e.target.checked })}
                        aria-label={`${a.name}: record a dissent`}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="votes-foot">
            <p className="tally" role="status" aria-live="polite">
              <strong>{tallyText(tally)}</strong>
              {missing > 0 && <span className="muted"> · {missing} still to vote</span>}
            </p>
            <button type="button" onClick={() => onVotes({ ...votes, ...Object.fromEntries(voters.map((a) => [a.id, 'for' as const])) })}>
              All for
            </button>
            <button type="button" className="quiet" onClick={() => onVotes({})}>
              Clear votes
            </button>
          </div>
        </>
      )}
      {(absent.length > 0 || nonVoting.length > 0 || stepAside.length > 0) && (
        <p className="muted small">
          {stepAside.length > 0 && <>Recused from this item: {stepAside.map((a) => a.name).join(', ')}. </>}
          {absent.length > 0 && <>Absent: {absent.map((a) => a.name).join(', ')}. </>}
          {nonVoting.length > 0 && <>Present, not voting: {nonVoting.map((a) => a.name).join(', ')}.</>}
        </p>
      )}
    </fieldset>
  );
}
