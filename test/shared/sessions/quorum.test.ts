import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVotes, quorumRequired, quorumStatus, tallyOf } from '../../../shared/sessions/quorum';
import type { VoteDraft } from '../../../shared/sessions/session';
import { board } from './builders';

describe('quorum', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
    [9, 5],
    [0, 1],
  ])('a majority of %i voting members is %i', (members, needed) => {
    expect(quorumRequired(members, null)).toBe(needed);
  });

  it('a session may fix the number instead', () => {
    expect(quorumRequired(9, 3)).toBe(3);
    expect(quorumStatus(board(9, 3), 3)).toMatchObject({ rule: 'fixed', required: 3, presentVoters: 3, met: true });
    expect(quorumStatus(board(9, 2), 3).met).toBe(false);
  });

  it('counts only voting members, present ones', () => {
    // 5 voters, 2 present, 4 guests present: guests do not make a quorum.
    const s = quorumStatus(board(5, 2, 4), null);
    expect(s).toMatchObject({ votingMembers: 5, presentVoters: 2, required: 3, met: false });
    expect(s.message).toBe('Quorum not met: 2 of 5 voting members present; a majority of 5 voting members needs 3. Take attendance first.');
    expect(quorumStatus(board(5, 3), null).message).toBe('Quorum met: 3 of 5 voting members present; a majority of 5 voting members needs 3.');
  });

  it('says when a fixed quorum is larger than the board', () => {
    expect(quorumStatus(board(2, 2), 3).message).toMatch(/cannot be met: 3 by the session's rule needs 3 present but the session lists only 2 voting members/);
  });

  it('met exactly when present voters are more than half of the voting members (majority rule)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (voting, present) => {
        fc.pre(present <= voting);
        expect(quorumStatus(board(voting, present), null).met).toBe(voting > 0 && present > voting / 2);
      }),
    );
  });

  it('two disjoint groups of one board are never both quorate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 40 }), (voting, a) => {
        fc.pre(a <= voting);
        const need = quorumRequired(voting, null);
        expect(a >= need && voting - a >= need).toBe(false);
      }),
    );
  });
});

describe('votes against the attendance', () => {
  const members = [
    { id: 'ann', name: 'Ann', voting: true, present: true },
    { id: 'bo', name: 'Bo', voting: true, present: true },
    { id: 'cy', name: 'Cy', voting: true, present: false },
    { id: 'di', name: 'Di', voting: false, present: true },
  ];
  const all: VoteDraft[] = [
    { attendeeId: 'ann', vote: 'for' },
    { attendeeId: 'bo', vote: 'abstain' },
  ];

  it('accepts one vote from each present voting member', () => {
    expect(checkVotes(all, members, null)).toEqual([]);
    expect(tallyOf(all)).toEqual({ for: 1, against: 0, abstain: 1 });
  });

  it('refuses every vote that does not count, naming the field', () => {
    expect(checkVotes([...all, { attendeeId: 'zed', vote: 'for' }], members, null)).toEqual([
      { field: 'votes[2].attendeeId', message: 'Vote 3 names "zed", who is not an attendee of this session.' },
    ]);
    expect(checkVotes([...all, { attendeeId: 'di', vote: 'for' }], members, null)).toEqual([
      { field: 'votes[2].attendeeId', message: 'Di is not a voting member, so their vote (vote 3) cannot be counted; only voting members vote.' },
    ]);
    expect(checkVotes([...all, { attendeeId: 'cy', vote: 'against' }], members, null)).toEqual([
      { field: 'votes[2].attendeeId', message: 'Cy is not marked present, so their vote (vote 3) cannot be counted; mark them present first.' },
    ]);
    expect(checkVotes([...all, { attendeeId: 'ann', vote: 'against' }], members, null)).toEqual([
      { field: 'votes[2].attendeeId', message: 'Ann has already voted (vote 1); each voting member votes once.' },
    ]);
  });

  it('asks for the vote of every present voting member', () => {
    expect(checkVotes([all[0] as VoteDraft], members, null)).toEqual([
      { field: 'votes', message: 'Bo is present and voting but has no vote recorded; record for, against or abstain for every present voting member.' },
    ]);
  });

  it('refuses without quorum, whatever the votes', () => {
    const absent = members.map((m) => (m.id === 'bo' ? { ...m, present: false } : m));
    const problems = checkVotes([{ attendeeId: 'ann', vote: 'for' }], absent, null);
    expect(problems[0]).toEqual({ field: 'quorum', message: 'No decision can be recorded: Quorum not met: 1 of 3 voting members present; a majority of 3 voting members needs 2. Take attendance first.' });
  });

  it('a tally counts every vote once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<VoteDraft['vote']>('for', 'against', 'abstain')), (choices) => {
        const t = tallyOf(choices.map((vote, i) => ({ attendeeId: String(i), vote })));
        expect(t.for + t.against + t.abstain).toBe(choices.length);
      }),
    );
  });

  it('any set of votes from distinct present voters of a quorate board, covering them all, is accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 3 }), (voting, present, guests) => {
        fc.pre(present <= voting && present > voting / 2);
        const m = board(voting, present, guests);
        const votes = m.filter((x) => x.voting && x.present).map((x, i) => ({ attendeeId: x.id, vote: (['for', 'against', 'abstain'] as const)[i % 3] as VoteDraft['vote'] }));
        expect(checkVotes(votes, m, null)).toEqual([]);
      }),
    );
  });
});
