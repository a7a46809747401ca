import type { FieldProblem } from '../scoring/fieldProblem';
import type { Outcome, VoteChoice, VoteDraft } from './session';

/**
 * What a vote means against the proposed outcome. The record keeps votes on the model, as
 * the board has always cast them (for approves it, against opposes it: a rejection is
 * carried by votes against), so a dissent from an approval is a vote against, a dissent
 * from a rejection or a deferral a vote for.
 */
export function opposes(outcome: Outcome, vote: VoteChoice): boolean {
  if (vote === 'abstain') return false;
  return outcome === 'approved' || outcome === 'approved_with_conditions' ? vote === 'against' : vote === 'for';
}

/** The vote that dissents from an outcome, for the form's words. */
export function dissentingVote(outcome: Outcome): VoteChoice {
  return outcome === 'approved' || outcome === 'approved_with_conditions' ? 'against' : 'for';
}

/** A dissent is a vote that opposes the outcome, and says why. */
export function checkDissents(votes: readonly VoteDraft[], outcome: Outcome, names: ReadonlyMap<string, string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  votes.forEach((v, i) => {
    if (!v.dissent) return;
    const who = names.get(v.attendeeId) ?? `Vote ${i + 1}`;
    if (!opposes(outcome, v.vote)) {
      problems.push({ field: `votes[${i}].dissent`, message: `${who} voted ${v.vote}, which does not oppose the outcome, so no dissent can be recorded; a dissent is a vote ${dissentingVote(outcome)}.` });
    } else if ((v.reason ?? '').trim() === '') problems.push({ field: `votes[${i}].reason`, message: `${who}'s dissent needs its reason.` });
  });
  return problems;
}
