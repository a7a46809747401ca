import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAmendmentApproval, type AmendmentBoard } from '../../../shared/sessions/amendmentRule';
import { suggestConflicts } from '../../../shared/sessions/conflicts';
import { checkDissents, opposes } from '../../../shared/sessions/dissent';
import { checkVotes, quorumStatus } from '../../../shared/sessions/quorum';
import type { VoteDraft } from '../../../shared/sessions/session';
import { board } from './builders';

describe('quorum with recusals', () => {
  it('a recused member never counts: the item is quorate exactly when the present, unrecused voters reach the number the whole board needs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }), (voting, present, recusing, fixed) => {
        fc.pre(present <= voting && recusing <= present);
        const members = board(voting, present);
        const recused = new Set(members.slice(0, recusing).map((m) => m.id));
        const item = quorumStatus(members, fixed, recused);
        const whole = quorumStatus(members, fixed);
        expect(item.required).toBe(whole.required);
        expect(item.presentVoters).toBe(present - recusing);
        expect(item.met).toBe(present - recusing >= whole.required);
        // Recusing can only take a quorum away, never give one.
        if (item.met) expect(whole.met).toBe(true);
      }),
    );
  });

  it('a recusal that breaks the quorum refuses every vote on the item with a sentence naming who stepped aside', () => {
    const members = board(3, 2);
    const problems = checkVotes([{ attendeeId: 'v1', vote: 'for' }], members, null, new Set(['v2']));
    expect(problems[0]).toEqual({
      field: 'quorum',
      message: 'No decision can be recorded: Quorum not met for this item: 1 of 3 voting members present (Voter 2 recused); a majority of 3 voting members needs 2, and a recused member does not count.',
    });
  });

  it('a recused member is not asked for a vote and cannot cast one', () => {
    const members = board(3, 3);
    expect(checkVotes([{ attendeeId: 'v1', vote: 'for' }, { attendeeId: 'v3', vote: 'for' }], members, null, new Set(['v2']))).toEqual([]);
    expect(checkVotes([{ attendeeId: 'v1', vote: 'for' }, { attendeeId: 'v2', vote: 'for' }, { attendeeId: 'v3', vote: 'for' }], members, null, new Set(['v2']))).toEqual([
      { field: 'votes[1].attendeeId', message: 'Voter 2 declared a conflict on this item and is recused, so their vote (vote 2) cannot be counted.' },
    ]);
  });
});

describe('dissent', () => {
  it('opposes the outcome: against an approval, for a rejection or a deferral; an abstention never', () => {
    expect(opposes('approved', 'against')).toBe(true);
    expect(opposes('approved_with_conditions', 'for')).toBe(false);
    expect(opposes('rejected', 'for')).toBe(true);
    expect(opposes('deferred', 'for')).toBe(true);
    expect(opposes('rejected', 'abstain')).toBe(false);
    const names = new Map([['v1', 'Voter 1']]);
    const dissent = (vote: VoteDraft['vote'], reason = 'why'): VoteDraft[] => [{ attendeeId: 'v1', vote, reason, dissent: true }];
    expect(checkDissents(dissent('against'), 'approved', names)).toEqual([]);
    expect(checkDissents(dissent('for'), 'approved', names)[0]?.message).toBe('Voter 1 voted for, which does not oppose the outcome, so no dissent can be recorded; a dissent is a vote against.');
    expect(checkDissents(dissent('against', ' '), 'approved', names)[0]?.message).toBe("Voter 1's dissent needs its reason.");
  });
});

describe('the amendment rule', () => {
  const members: AmendmentBoard = {
    attendees: [...board(5, 5).map((m) => ({ ...m, role: 'Member' })), { id: 's', name: 'Sam Ito', role: 'Secretary', voting: false, present: false }],
    fixed: null,
    recused: new Set(['v5']),
    chair: 'Voter 1',
  };
  it('a vote carries the amendment when a quorum of the board votes and more vote for than against', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<VoteDraft['vote']>('for', 'against', 'abstain'), { minLength: 1, maxLength: 4 }), (choices) => {
        const votes = choices.map((vote, i) => ({ attendeeId: `v${i + 1}`, vote }));
        const ok = checkAmendmentApproval({ basis: 'vote', votes }, members).length === 0;
        const f = choices.filter((c) => c === 'for').length;
        const a = choices.filter((c) => c === 'against').length;
        expect(ok).toBe(choices.length >= 3 && f > a);
      }),
    );
  });
  it('a recused member cannot vote on it; a sign-off needs the chair and the secretary by name', () => {
    expect(checkAmendmentApproval({ basis: 'vote', votes: [{ attendeeId: 'v5', vote: 'for' }] }, members)[0]?.message).toBe('Voter 5 is recused from this item, so their vote on the amendment cannot be counted.');
    expect(checkAmendmentApproval({ basis: 'signoff', chair: 'voter 1', secretary: 'Sam Ito' }, members)).toEqual([]);
    expect(checkAmendmentApproval({ basis: 'signoff', chair: 'Voter 1', secretary: 'Voter 2' }, members)[0]?.field).toBe('approval.secretary');
    expect(checkAmendmentApproval(undefined, members)[0]?.field).toBe('approval');
  });
});

describe('suggested conflicts', () => {
  it('names the owner, the team and the card or lineage, as whole words, and leaves out who has declared', () => {
    const people = [
      { id: 'a', name: 'Ana Khan', voting: true },
      { id: 'b', name: 'Bo Chen', voting: true },
      { id: 'c', name: 'Li', voting: true },
      { id: 'd', name: 'Dee Ray', voting: true },
    ];
    const model = { owner: 'ana khan', team: 'Credit ML (Bo Chen)', texts: [{ role: 'lineage', text: 'Trained by Dee  Ray on the Lisbon cluster.' }] };
    expect(suggestConflicts(people, model, new Set())).toEqual([
      { attendeeId: 'a', name: 'Ana Khan', why: "Ana Khan is the model's owner." },
      { attendeeId: 'b', name: 'Bo Chen', why: 'Bo Chen is named in the model\'s team ("Credit ML (Bo Chen)").' },
      { attendeeId: 'd', name: 'Dee Ray', why: 'Dee Ray is named in the lineage.' },
    ]);
    expect(suggestConflicts(people, model, new Set(['a', 'b', 'd']))).toEqual([]);
  });
});
