import type { FieldProblem } from '../scoring/fieldProblem';
import type { QuorumStatus, Tally, VoteDraft } from './session';

export interface QuorumMember {
  id: string;
  name: string;
  voting: boolean;
  present: boolean;
}

function members(n: number): string {
  return `${n} voting member${n === 1 ? '' : 's'}`;
}

/**
 * Voting members who must be present. By default a majority: more than half of the
 * voting members (5 -> 3, 4 -> 3, 1 -> 1), so two halves of a board can never both be
 * quorate. A session may instead fix the number (its terms of reference may say "any
 * three members"). With no voting members at all, one is still needed: a board of nobody
 * decides nothing.
 */
export function quorumRequired(votingMembers: number, fixed: number | null): number {
  if (fixed !== null) return fixed;
  return Math.floor(votingMembers / 2) + 1;
}

/**
 * The quorum of the session, or of one agenda item when `recused` names the members who
 * declared a conflict on it and stepped aside: they do not count as present for that item.
 * The number needed stays that of the whole board (a conflict does not shrink the board),
 * so enough recusals break the item's quorum and the item cannot be decided.
 */
export function quorumStatus(attendees: readonly QuorumMember[], fixed: number | null, recused: ReadonlySet<string> = new Set()): QuorumStatus {
  const votingMembers = attendees.filter((a) => a.voting).length;
  const stepAside = attendees.filter((a) => a.voting && a.present && recused.has(a.id));
  const presentVoters = attendees.filter((a) => a.voting && a.present && !recused.has(a.id)).length;
  const required = quorumRequired(votingMembers, fixed);
  const met = presentVoters >= required;
  const rule = fixed === null ? 'majority' : 'fixed';
  const how = fixed === null ? `a majority of ${members(votingMembers)}` : `${required} by the session's rule`;
  const aside = stepAside.length === 0 ? '' : ` (${stepAside.map((a) => a.name).join(', ')} recused)`;
  let message: string;
  if (met) message = `Quorum met: ${presentVoters} of ${members(votingMembers)} present${aside}; ${how} needs ${required}.`;
  else if (required > votingMembers) {
    message = `Quorum cannot be met: ${how} needs ${required} present but the session lists only ${members(votingMembers)}; add voting attendees${fixed === null ? '' : ' or lower the quorum'}.`;
  } else if (stepAside.length > 0 && presentVoters + stepAside.length >= required) {
    message = `Quorum not met for this item: ${presentVoters} of ${members(votingMembers)} present${aside}; ${how} needs ${required}, and a recused member does not count.`;
  } else message = `Quorum not met: ${presentVoters} of ${members(votingMembers)} present${aside}; ${how} needs ${required}. Take attendance first.`;
  return { rule, votingMembers, presentVoters, required, met, message, recused: stepAside.map((a) => a.name) };
}

export function tallyOf(votes: readonly Pick<VoteDraft, 'vote'>[]): Tally {
  const tally: Tally = { for: 0, against: 0, abstain: 0 };
  for (const v of votes) tally[v.vote] += 1;
  return tally;
}

/**
 * The votes of one decision against the attendance: only present voting members vote,
 * each exactly once, every present voting member's vote is recorded (abstaining is a
 * vote), a member recused from the item does not vote, and the members who may vote make
 * a quorum. Dissents are checked against the outcome by dissent.ts.
 */
export function checkVotes(
  votes: readonly VoteDraft[],
  attendees: readonly QuorumMember[],
  fixed: number | null,
  recused: ReadonlySet<string> = new Set(),
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const quorum = quorumStatus(attendees, fixed, recused);
  if (!quorum.met) problems.push({ field: 'quorum', message: `No decision can be recorded: ${quorum.message}` });
  const byId = new Map(attendees.map((a) => [a.id, a]));
  const seen = new Map<string, number>();
  votes.forEach((v, i) => {
    const field = `votes[${i}].attendeeId`;
    const who = byId.get(v.attendeeId);
    if (!who) {
      problems.push({ field, message: `Vote ${i + 1} names "${v.attendeeId}", who is not an attendee of this session.` });
      return;
    }
    const earlier = seen.get(v.attendeeId);
    if (earlier !== undefined) {
      problems.push({ field, message: `${who.name} has already voted (vote ${earlier + 1}); each voting member votes once.` });
      return;
    }
    seen.set(v.attendeeId, i);
    if (!who.voting) problems.push({ field, message: `${who.name} is not a voting member, so their vote (vote ${i + 1}) cannot be counted; only voting members vote.` });
    else if (!who.present) problems.push({ field, message: `${who.name} is not marked present, so their vote (vote ${i + 1}) cannot be counted; mark them present first.` });
    else if (recused.has(who.id)) problems.push({ field, message: `${who.name} declared a conflict on this item and is recused, so their vote (vote ${i + 1}) cannot be counted.` });
  });
  if (quorum.met) {
    const missing = attendees.filter((a) => a.voting && a.present && !recused.has(a.id) && !seen.has(a.id));
    if (missing.length > 0) {
      problems.push({
        field: 'votes',
        message: `${missing.map((a) => a.name).join(', ')} ${missing.length === 1 ? 'is' : 'are'} present and voting but ${missing.length === 1 ? 'has' : 'have'} no vote recorded; record for, against or abstain for every present voting member.`,
      });
    }
  }
  return problems;
}
