import { afterEach, describe, expect, it } from 'vitest';
import { raiseFinding, updateFinding } from '../../../electron/services/findings/findingsRegister';
import { heatmap, setScore } from '../../../electron/services/scoring/scoreService';
import { amendDecision, recordDecision } from '../../../electron/services/sessions/decisionService';
import * as sessions from '../../../electron/services/sessions/sessionService';
import { Workspace } from '../../../electron/services/store/workspace';
import { updateTaxonomy } from '../../../electron/services/taxonomy/taxonomyService';
import { DEFAULT_DIMENSIONS } from '../../../shared/domain/taxonomy';
import { TODAY, markPresent, openSession, votesFor } from '../sessions/meeting';
import { addModels, modelFixture, newWorkspace } from '../../helpers/workspaces';
import { DayClock } from '../../helpers/dayClock';

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

/** "full" has every dimension scored 1; "thin" has one dimension scored 2. */
function cycle() {
  const { ws, file } = newWorkspace(undefined, new DayClock(TODAY));
  open.push(ws);
  addModels(ws, [modelFixture('full'), modelFixture('thin')]);
  for (const d of DEFAULT_DIMENSIONS) setScore(ws, { modelId: 'full', dimension: d.key, value: 1, rationale: 'set for the test' });
  setScore(ws, { modelId: 'thin', dimension: 'privacy', value: 2, rationale: 'set for the test' });
  return { ws, file };
}

const row = (ws: Workspace, id: string) => heatmap(ws).rows.find((r) => r.model.id === id);

describe('decisions rest on enough evidence (issue 13 §5)', () => {
  it('shows coverage in the heatmap and calls a thinly scored model incomplete', () => {
    const { ws } = cycle();
    expect(row(ws, 'full')).toMatchObject({ tier: 'low', coverage: { scored: 11, total: 11 }, floor: null });
    expect(row(ws, 'thin')).toMatchObject({ heat: 2, tier: 'incomplete', coverage: { scored: 1, total: 11 } });
  });

  it('raises a Low model to High on an open high finding, to Critical on an open critical one, and back when it is closed', () => {
    const { ws } = cycle();
    raiseFinding(ws, { modelId: 'full', type: 'validation_issue', severity: 'high', category: 'drift', title: 'PSI 0.4 on income' });
    expect(row(ws, 'full')).toMatchObject({ tier: 'high', openSevere: { high: 1, critical: 0 }, floor: '1 open high or critical finding: at least High.' });
    const critical = raiseFinding(ws, { modelId: 'full', type: 'validation_issue', severity: 'critical', category: 'fairness', title: 'Parity ratio 0.6' });
    expect(row(ws, 'full')?.tier).toBe('critical');
    const asOf = ws.reader.prepare('SELECT max(at) FROM audit_events').pluck().get() as string;
    updateFinding(ws, { id: critical.id, status: 'closed_with_evidence', note: 'Reweighed; ratio 0.92 in the new bundle.' });
    expect(row(ws, 'full')?.tier).toBe('high');
    // The map as it stood keeps the floor the register then held.
    expect(heatmap(ws, { asOf }).rows.find((r) => r.model.id === 'full')?.tier).toBe('critical');
  });

  it('keeps floors and minimum coverage in the taxonomy version, audited, and the chain verifies', () => {
    const { ws } = cycle();
    const before = heatmap(ws).taxonomy;
    expect(before.floors).toBeUndefined();
    const saved = updateTaxonomy(ws, { thresholds: before.thresholds, dimensions: before.dimensions, minCoverage: 0.05, floors: [] });
    expect(saved).toMatchObject({ version: 2, minCoverage: 0.05, floors: [] });
    expect(heatmap(ws).taxonomy).toMatchObject({ minCoverage: 0.05, floors: [] });
    expect(row(ws, 'thin')?.tier).toBe('medium');
    expect(() => updateTaxonomy(ws, { thresholds: before.thresholds, dimensions: before.dimensions, minCoverage: 0.05, floors: [] })).toThrow(/Nothing changed/);
    expect(ws.verifyAudit().ok).toBe(true);
  });

  it('refuses an approval of a thinly scored model without the chair’s acknowledgement, and records the one given', () => {
    const { ws } = cycle();
    const b = openSession(ws);
    markPresent(ws, b, [b.ann, b.bo, b.cy]);
    const approve = { sessionId: b.sessionId, itemId: b.item('thin'), outcome: 'approved' as const, rationale: 'Low use.', votes: votesFor(b) };
    expect(() => recordDecision(ws, approve)).toThrow(
      "Approving this model needs the chair's acknowledgement: 10 dimensions of 11 are not scored: Performance & drift, Data quality & integrity, Robustness, Security exposure and 6 more. The tier is incomplete: 1 of 11 dimensions scored, below the taxonomy's minimum of 70%. Say why the board approves anyway.",
    );
    const events = ws.verifyAudit().events;
    // A deferral asks for nothing; an approval of the fully scored model neither.
    recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('full'), outcome: 'approved', rationale: 'All scored low.', votes: votesFor(b) });
    expect(ws.verifyAudit().events).toBe(events + 1);
    const d = recordDecision(ws, { ...approve, acknowledgement: '  Pilot of 200 loans; scoring completes in October.  ' });
    const thin = d.items.find((i) => i.modelId === 'thin')?.decision;
    expect(thin?.tier).toBe('incomplete');
    expect(thin?.acknowledgement?.reason).toBe('Pilot of 200 loans; scoring completes in October.');
    expect(thin?.acknowledgement?.concerns).toHaveLength(2);
    expect(d.items.find((i) => i.modelId === 'full')?.decision?.acknowledgement).toBeUndefined();
    sessions.closeSession(ws, { sessionId: b.sessionId });
    // The record survives the close and reopening, and the chain with it.
    expect(ws.verifyAudit().ok).toBe(true);
    const raw = ws.reader.prepare('SELECT tier, acknowledgement FROM decision_evidence').all();
    expect(raw).toHaveLength(1);
  });

  it('asks an amendment that approves a model with an open critical finding for the acknowledgement too', () => {
    const { ws } = cycle();
    const b = openSession(ws);
    markPresent(ws, b, [b.ann, b.bo, b.cy]);
    const d = recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('full'), outcome: 'deferred', rationale: 'Waiting on the fairness study.', votes: votesFor(b) });
    const deferred = d.items.find((i) => i.modelId === 'full')?.decision?.id as string;
    sessions.closeSession(ws, { sessionId: b.sessionId });
    raiseFinding(ws, { modelId: 'full', type: 'validation_issue', severity: 'critical', category: 'fairness', title: 'Parity ratio 0.6' });
    const approval = { basis: 'vote' as const, votes: [{ attendeeId: b.ann, vote: 'for' as const }, { attendeeId: b.bo, vote: 'for' as const }] };
    const amend = { decisionId: deferred, reason: 'Study done.', outcome: 'approved' as const, rationale: 'Fit for use.', approval };
    expect(() => amendDecision(ws, amend)).toThrow(/1 critical finding is open\. Say why the board approves anyway\./);
    const after = amendDecision(ws, { ...amend, acknowledgement: 'The finding is remediated in the release of 1 October.' });
    const amended = after.items.find((i) => i.modelId === 'full')?.amendments?.[0];
    expect(amended).toMatchObject({ tier: 'critical', acknowledgement: { concerns: ['1 critical finding is open.'], reason: 'The finding is remediated in the release of 1 October.' } });
  });
});
