import { afterEach, describe, expect, it } from 'vitest';
import { cycleInfo, updateCycleDetails } from '../../electron/services/cycles/cycleService';
import { amendDecision, recordDecision, setFollowUpStatus } from '../../electron/services/sessions/decisionService';
import { actionRegister } from '../../electron/services/sessions/registers';
import { closeSession } from '../../electron/services/sessions/sessionService';
import { updateSettings, versionedSettings } from '../../electron/services/settings';
import { Workspace } from '../../electron/services/store/workspace';
import { taxonomyVersion, updateTaxonomy } from '../../electron/services/taxonomy/taxonomyService';
import { calls } from '../../shared/contract/calls';
import type { UserError } from '../../shared/contract/errors';
import { fingerprint, newWorkspace } from '../helpers/workspaces';
import { clock, cycleWithBoard, markPresent, openSession, votesFor } from './sessions/meeting';
import { todayOf } from '../../electron/services/clock';

/**
 * Two people editing the same object: the later save, made from a copy read before the
 * earlier one, is refused with a sentence naming who saved meanwhile, and writes nothing.
 */

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

function refusal(run: () => unknown): UserError {
  try {
    run();
  } catch (err) {
    return err as UserError;
  }
  throw new Error('expected a refusal');
}

/** The same workspace reopened as another person: the audit log names whoever saves. */
function as(actor: string, ws: Workspace, file: string): Workspace {
  ws.close();
  const other = Workspace.open(file, { actor, clock: ws.clock });
  open.push(other);
  return other;
}

const SAVED_MEANWHILE = /was saved meanwhile by ana at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \((version \d+|v\d+; you edited v\d+)\): reload to see it before saving yours\.$/;

describe('stale saves are refused', () => {
  it('the taxonomy: the second window, still on v1, cannot undo the first one’s v2', () => {
    const { ws: first, file } = newWorkspace();
    const v1 = taxonomyVersion(first);
    const edit = (weight: number) => ({ thresholds: v1.thresholds, dimensions: v1.dimensions.map((d, i) => (i === 0 ? { ...d, weight } : d)), expectedVersion: v1.version });
    const ana = as('ana', first, file);
    expect(updateTaxonomy(ana, calls['taxonomy.update'].args.parse(edit(3))).version).toBe(2);
    const bo = as('bo', ana, file);
    const before = fingerprint(file);
    const err = refusal(() => updateTaxonomy(bo, calls['taxonomy.update'].args.parse(edit(4))));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/^The taxonomy was saved meanwhile by ana at .* \(v2; you edited v1\): reload/);
    expect(err.message).toMatch(SAVED_MEANWHILE);
    expect(fingerprint(file)).toBe(before);
    expect(taxonomyVersion(bo).dimensions[0]?.weight).toBe(3);
    // After reloading (v2) the same edit saves as v3.
    expect(updateTaxonomy(bo, calls['taxonomy.update'].args.parse({ ...edit(4), expectedVersion: 2 })).version).toBe(3);
    // Without a version (the CLI) the save goes through as before.
    expect(updateTaxonomy(bo, calls['taxonomy.update'].args.parse({ ...edit(5), expectedVersion: undefined })).version).toBe(4);
  });

  it('the cycle’s details', () => {
    const { ws, file } = newWorkspace();
    const read = cycleInfo(ws).version;
    expect(read).toBeGreaterThan(0);
    const ana = as('ana', ws, file);
    updateCycleDetails(ana, { name: 'Q3 final', expectedVersion: read });
    expect(cycleInfo(ana).version).toBeGreaterThan(read);
    const bo = as('bo', ana, file);
    const err = refusal(() => updateCycleDetails(bo, { name: 'Q3 draft', expectedVersion: read }));
    expect(err).toMatchObject({ code: 'conflict' });
    expect(err.message).toMatch(/^The cycle was saved meanwhile by ana/);
    expect(cycleInfo(bo).name).toBe('Q3 final');
  });

  it('settings: only a setting changed meanwhile refuses the save', () => {
    const { ws, file } = newWorkspace();
    const read = versionedSettings(ws).version;
    const ana = as('ana', ws, file);
    updateSettings(ana, { claimTolerance: 0.01, expectedVersion: read });
    const bo = as('bo', ana, file);
    const err = refusal(() => updateSettings(bo, { claimTolerance: 0.02, expectedVersion: read }));
    expect(err).toMatchObject({ code: 'conflict' });
    expect(err.message).toMatch(/^The setting "Claim tolerance" was saved meanwhile by ana/);
    expect(versionedSettings(bo).claimTolerance).toBe(0.01);
    // The other setting, untouched since it was read, saves.
    expect(updateSettings(bo, { acceptanceMaxMonths: 6, expectedVersion: read })).toMatchObject({ claimTolerance: 0.01, acceptanceMaxMonths: 6 });
  });

  it('a decision recorded meanwhile, an amendment and a follow-up status', () => {
    const { ws, file } = cycleWithBoard();
    const b = openSession(ws);
    markPresent(ws, b, [b.ann, b.bo, b.cy]);
    const decide = (w: Workspace, rationale: string, expectedVersion: number) =>
      recordDecision(
        w,
        {
          sessionId: b.sessionId,
          itemId: b.item('hot'),
          outcome: 'approved',
          rationale,
          acknowledgement: 'Thin test evidence, acknowledged.',
          votes: votesFor(b),
          mitigations: [{ action: 'Add a PSI alert', owner: 'Dana', due: '2026-11-01', successCriteria: 'fires at 0.25' }],
          expectedVersion,
        },
      );
    // Both windows opened the item before it had a decision (version 0).
    const ana = as('ana', ws, file);
    const first = decide(ana, 'Holds.', 0).items.find((i) => i.modelId === 'hot')?.decision;
    expect(first?.version).toBeGreaterThan(0);
    const bo = as('bo', ana, file);
    const err = refusal(() => decide(bo, 'Mine.', 0));
    expect(err).toMatchObject({ code: 'conflict' });
    expect(err.message).toMatch(/^The decision on Model hot was saved meanwhile by ana/);
    expect(err.message).toMatch(SAVED_MEANWHILE);
    const again = decide(bo, 'Mine, after reading theirs.', first?.version as number).items.find((i) => i.modelId === 'hot')?.decision;
    expect(again?.rationale).toBe('Mine, after reading theirs.');

    // Follow-up: the register row carries its decision's version.
    const row = actionRegister(bo, todayOf(clock)).find((r) => r.modelId === 'hot');
    expect(row?.version).toBe(again?.version);
    const done = setFollowUpStatus(bo, { id: row?.id as string, status: 'done', expectedVersion: row?.version });
    expect(done.version).toBeGreaterThan(row?.version as number);
    const stale = refusal(() => setFollowUpStatus(bo, { id: row?.id as string, status: 'open', expectedVersion: row?.version }));
    expect(stale).toMatchObject({ code: 'conflict' });
    expect(stale.message).toMatch(/^The decision this mitigation belongs to was saved meanwhile by bo/);

    // Amendments: one from a copy read before the first amendment is refused.
    closeSession(bo, { sessionId: b.sessionId });
    const amend = (reason: string, expectedVersion: number) =>
      amendDecision(bo, { decisionId: again?.id as string, reason, outcome: 'approved', rationale: 'Alert in place.', acknowledgement: 'Thin test evidence, acknowledged.', approval: { basis: 'vote' as const, votes: [{ attendeeId: b.ann, vote: 'for' as const }, { attendeeId: b.bo, vote: 'for' as const }] }, expectedVersion });
    amend('The alert is live.', done.version);
    const late = refusal(() => amend('Also amending.', done.version));
    expect(late).toMatchObject({ code: 'conflict' });
    expect(late.message).toMatch(/^The decision on Model hot was saved meanwhile by bo/);
  });
});
