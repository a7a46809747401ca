import type { FieldProblem } from '../scoring/fieldProblem';
import { quorumRequired, tallyOf, type QuorumMember } from './quorum';
import type { AmendmentApprovalDraft } from './session';

/**
 * Amending a closed decision needs the board (issue 13 §3): either a vote of the session's
 * voting members with quorum, carried by more votes for than against, or the sign-off of
 * the session's chair and its secretary. The vote is taken after the meeting, so presence
 * at the meeting does not matter; a member recused from the item does not vote on it.
 */

export interface AmendmentBoard {
  attendees: readonly (QuorumMember & { role: string })[];
  /** The session's fixed quorum, or null for a majority. */
  fixed: number | null;
  /** Members recused from the item. */
  recused: ReadonlySet<string>;
  /** The session's chair, by name. */
  chair: string;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function checkAmendmentApproval(approval: AmendmentApprovalDraft | undefined, board: AmendmentBoard): FieldProblem[] {
  if (!approval) {
    return [{ field: 'approval', message: "Amending a closed decision needs the board: record the board's vote with quorum, or the chair's and the secretary's sign-off." }];
  }
  if (approval.basis === 'signoff') {
    const problems: FieldProblem[] = [];
    if (!same(approval.chair, board.chair)) {
      problems.push({ field: 'approval.chair', message: `The sign-off must be by the session's chair, ${board.chair}, not "${approval.chair}".` });
    }
    const secretaries = board.attendees.filter((a) => same(a.role, 'secretary'));
    if (secretaries.length === 0) {
      problems.push({ field: 'approval.secretary', message: 'The session lists no attendee with the role "secretary", so the amendment needs a vote of the board instead.' });
    } else if (!secretaries.some((a) => same(a.name, approval.secretary))) {
      problems.push({ field: 'approval.secretary', message: `The sign-off must be by the session's secretary (${secretaries.map((a) => a.name).join(' or ')}), not "${approval.secretary}".` });
    } else if (same(approval.secretary, approval.chair)) {
      problems.push({ field: 'approval.secretary', message: 'The chair and the secretary must be two people.' });
    }
    return problems;
  }
  const problems: FieldProblem[] = [];
  const byId = new Map(board.attendees.map((a) => [a.id, a]));
  const seen = new Set<string>();
  approval.votes.forEach((v, i) => {
    const field = `approval.votes[${i}].attendeeId`;
    const who = byId.get(v.attendeeId);
    if (!who) problems.push({ field, message: `Vote ${i + 1} names "${v.attendeeId}", who is not an attendee of this session.` });
    else if (seen.has(who.id)) problems.push({ field, message: `${who.name} has already voted on the amendment; each voting member votes once.` });
    else if (!who.voting) problems.push({ field, message: `${who.name} is not a voting member, so their vote on the amendment cannot be counted.` });
    else if (board.recused.has(who.id)) problems.push({ field, message: `${who.name} is recused from this item, so their vote on the amendment cannot be counted.` });
    seen.add(v.attendeeId);
  });
  if (problems.length > 0) return problems;
  const votingMembers = board.attendees.filter((a) => a.voting).length;
  const required = quorumRequired(votingMembers, board.fixed);
  if (approval.votes.length < required) {
    return [{ field: 'approval.votes', message: `The vote on the amendment has no quorum: ${approval.votes.length} of ${votingMembers} voting members voted; ${required} are needed.` }];
  }
  const tally = tallyOf(approval.votes);
  if (tally.for <= tally.against) {
    return [{ field: 'approval.votes', message: `The board did not carry the amendment: ${tally.for} for, ${tally.against} against, ${tally.abstain} abstaining.` }];
  }
  return [];
}
