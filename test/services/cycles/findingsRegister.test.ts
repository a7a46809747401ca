import { describe, expect, it } from 'vitest';
import { findingsRegister, raiseFinding, updateFinding } from '../../../electron/services/findings/findingsRegister';
import { acceptanceRegister, actionRegister } from '../../../electron/services/sessions/registers';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import * as sessions from '../../../electron/services/sessions/sessionService';
import { EXAMPLE_BUNDLE } from '../../helpers/exampleBundle';
import { daysBetween } from '../../../shared/sessions/followUp';
import { fingerprint } from '../../helpers/workspaces';
import { BundleCopy } from '../../helpers/bundleCopies';
import { CREDIT, firstCycle, importBundle } from './chain';
import { todayOf } from '../../../electron/services/clock';
import { dayClockOf } from '../../helpers/dayClock';

/** The first cycle, five days after its session: the register's "today". */
async function fiveDaysOn() {
  const made = await firstCycle();
  dayClockOf(made.ws).setDay('2026-09-20');
  return made;
}

describe('the findings register', () => {
  it('registers an import’s findings once per distinct issue, and again only once the earlier one is closed', async () => {
    const { ws } = await fiveDaysOn();
    const first = findingsRegister(ws, {});
    // Every finding above info of the example bundle, each with owner, due date by severity and its bundle.
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((f) => f.bundleSha256 !== null && f.owner === 'owner@example.org' && f.due !== null && f.bornCycleName === 'Q3 2026')).toBe(true);
    const high = first.find((f) => f.severity === 'high');
    expect(daysBetween(high?.openedOn as string, high?.due as string)).toBe(60);
    // The same issues in another bundle of the model (a copy with a new date, so a new hash): nothing new.
    const copy = new BundleCopy().editManifest((m) => {
      m.created_at = '2026-09-18T12:00:00Z';
    });
    const again = await importBundle(ws, copy.dir);
    expect(again.status).toBe('imported');
    // (The bundle also checks the open conditions' rules: one is not met, a finding of its own.)
    const fromBundles = () => findingsRegister(ws, {}).filter((f) => f.category !== 'condition_rule');
    expect(fromBundles()).toHaveLength(first.length);
    expect(findingsRegister(ws, {}).filter((f) => f.category === 'condition_rule')).toHaveLength(1);
    // The conditions of this cycle's closed session checked themselves on that bundle: the met one is done.
    const conditions = actionRegister(ws, '2026-09-20').filter((a) => a.kind === 'condition');
    expect(conditions.find((c) => c.text === 'Drift stays moderate')).toMatchObject({ status: 'done', rule: 'drift.psi_max < 5', statusNote: expect.stringMatching(/^Met on bundle /) });
    expect(conditions.find((c) => c.text === 'Discrimination above 0.99')).toMatchObject({ status: 'open', rule: 'overall.roc_auc >= 0.99' });
    // Closed with evidence, the same issue found again opens a new finding.
    const drift = first[0];
    updateFinding(ws, { id: drift?.id as string, status: 'closed_with_evidence', note: 'Retrained on current data' });
    const third = new BundleCopy().editManifest((m) => {
      m.created_at = '2026-09-19T12:00:00Z';
    });
    await importBundle(ws, third.dir);
    const after = fromBundles();
    expect(after).toHaveLength(first.length + 1);
    // The unmet condition's finding is still open: not raised twice.
    expect(findingsRegister(ws, {}).filter((f) => f.category === 'condition_rule')).toHaveLength(1);
    expect(after.filter((f) => f.title === drift?.title).map((f) => f.status).sort()).toEqual(['closed_with_evidence', 'open']);
    expect(ws.verifyAudit().problem).toBeNull();
    ws.close();
  });

  it('raises, assigns, closes with evidence and covers by an acceptance; refusals name the field and change nothing', async () => {
    const { ws, file } = await fiveDaysOn();
    const raised = raiseFinding(ws, { modelId: 'hot', type: 'limitation', severity: 'medium', category: 'data', title: 'Trained on one region only' });
    expect(raised).toMatchObject({ status: 'open', owner: 'owner@example.com', due: '2026-12-19', ageDays: 0, raisedBy: 'analyst@test', type: 'limitation' });
    const assigned = updateFinding(ws, { id: raised.id, owner: 'dana@example.com', due: '2026-10-31', status: 'in_remediation' });
    expect(assigned).toMatchObject({ owner: 'dana@example.com', due: '2026-10-31', status: 'in_remediation' });
    expect(findingsRegister(ws, { overdueOnly: true, asOf: '2026-11-01' }).map((f) => f.id)).toContain(raised.id);

    const before = fingerprint(file);
    expect(() => updateFinding(ws, { id: raised.id, status: 'closed_with_evidence' })).toThrow(/needs the evidence it was fixed on: give a note/);
    expect(() => updateFinding(ws, { id: raised.id, status: 'covered_by_acceptance', acceptanceId: 'nope' })).toThrow(/not a risk acceptance in force on this finding's model/);
    expect(() => updateFinding(ws, { id: 'nope', owner: 'x' })).toThrow(/There is no finding "nope"/);
    expect(() => raiseFinding(ws, { modelId: 'nobody', type: 'limitation', severity: 'low', category: 'c', title: 't' })).toThrow(/There is no model "nobody"/);
    expect(() => raiseFinding(ws, { modelId: 'hot', type: 'limitation', severity: 'low', category: 'c', title: 't', due: '2026-01-01' })).toThrow(/already past/);
    expect(fingerprint(file)).toBe(before);

    const acceptance = acceptanceRegister(ws, todayOf(ws.clock)).find((a) => a.modelId === 'hot');
    const covered = updateFinding(ws, { id: raised.id, status: 'covered_by_acceptance', acceptanceId: acceptance?.id as string, note: 'Accepted by the CRO' });
    expect(covered).toMatchObject({ status: 'covered_by_acceptance', acceptanceId: acceptance?.id, closedOn: '2026-09-20' });
    dayClockOf(ws).setDay('2026-09-25');
    const reopened = updateFinding(ws, { id: raised.id, status: 'open' });
    expect(reopened).toMatchObject({ status: 'open', acceptanceId: null, closedOn: null, ageDays: 5 });
    dayClockOf(ws).setDay('2026-09-30');
    const closed = updateFinding(ws, { id: raised.id, status: 'closed_with_evidence', note: 'Second region added' });
    expect(closed).toMatchObject({ status: 'closed_with_evidence', statusNote: 'Second region added', closedOn: '2026-09-30', ageDays: 10, overdue: false });
    const events = ws.reader.prepare("SELECT action FROM audit_events WHERE entity = 'finding' AND entity_id = ? ORDER BY seq").pluck().all(raised.id);
    expect(events).toEqual(['finding.raise', 'finding.in_remediation', 'finding.covered_by_acceptance', 'finding.open', 'finding.closed_with_evidence']);
    expect(findingsRegister(ws, { openOnly: true, modelId: 'hot' })).toEqual([]);
    expect(ws.verifyAudit().problem).toBeNull();
    ws.close();
  });

  it('lists the example bundle’s findings only for the model they belong to', async () => {
    const { ws } = await fiveDaysOn();
    expect(findingsRegister(ws, { modelId: 'hot' })).toEqual([]);
    expect(findingsRegister(ws, { modelId: CREDIT }).length).toBeGreaterThan(0);
    expect(EXAMPLE_BUNDLE).toMatch(/credit-default-scorer$/);
    ws.close();
  });

  it('refuses a condition whose rule is not a rule, naming the condition and field', async () => {
    const { ws, file } = await fiveDaysOn();
    let s = sessions.createSession(ws, { title: 'Extra', date: '2026-09-20', chair: 'Ann' });
    const sessionId = s.session.id;
    s = sessions.addAttendee(ws, { sessionId, name: 'Ann', role: 'CRO', voting: true, present: true });
    s = sessions.buildAgenda(ws, { sessionId, modelIds: ['quiet'] });
    const before = fingerprint(file);
    expect(() =>
      recordDecision(
        ws,
        {
          sessionId,
          itemId: s.items[0]?.id as string,
          outcome: 'approved_with_conditions',
          rationale: 'ok',
          conditions: [{ text: 'Keep AUC up', due: '2026-12-01', rule: 'overall.auc_ci.lo >= 0.7' }],
          votes: [{ attendeeId: s.attendees[0]?.id as string, vote: 'for' }],
        },
      ),
    ).toThrow(/Condition 1\b.*rule.*"overall\.auc_ci\.lo" is not a metric the validation produces/);
    expect(fingerprint(file)).toBe(before);
    ws.close();
  });
});
