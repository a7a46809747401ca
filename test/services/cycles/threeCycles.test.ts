import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startNextCycle } from '../../../electron/services/cycles/nextCycle';
import { cycleLineage, modelHistory } from '../../../electron/services/cycles/lineageService';
import { verifyPrevious } from '../../../electron/services/cycles/lineageCheck';
import { findingsRegister, updateFinding } from '../../../electron/services/findings/findingsRegister';
import { actionRegister, acceptanceRegister } from '../../../electron/services/sessions/registers';
import { setFollowUpStatus } from '../../../electron/services/sessions/decisionService';
import { listPriorScores } from '../../../electron/services/store/lineageTable';
import { listRuleChecks } from '../../../electron/services/store/findingTable';
import { listBundles } from '../../../electron/services/store/bundleTable';
import { currentTaxonomy } from '../../../electron/services/cycles/cycleService';
import { Workspace } from '../../../electron/services/store/workspace';
import { EXAMPLE_BUNDLE } from '../../helpers/exampleBundle';
import { CREDIT, firstCycle, importBundle, laterBundle } from './chain';
import { dayClockOf } from '../../helpers/dayClock';

describe('three cycles that follow one another', () => {
  it('carries what is open, leaves what is done, and keeps one verifiable chain', async () => {
    const { dir, file: q3File, ws: q3 } = await firstCycle();
    const q3Id = cycleLineage(q3).predecessor;
    expect(q3Id).toBeNull();
    // The warm model's mitigation is done in Q3: it stays behind.
    const warmMitigation = actionRegister(q3, '2026-09-20').find((r) => r.modelId === 'warm');
    dayClockOf(q3).setDay('2026-09-20');
    setFollowUpStatus(q3, { kind: 'mitigation', id: warmMitigation?.id as string, status: 'done', note: 'Card written' });
    const q3Findings = findingsRegister(q3, { asOf: '2026-09-20' });
    expect(q3Findings.length).toBeGreaterThan(0);
    expect(q3Findings.every((f) => f.modelId === CREDIT && f.status === 'open')).toBe(true);
    // One finding closed with evidence in Q3: it stays behind too.
    dayClockOf(q3).setDay('2026-09-25');
    const closed = updateFinding(q3, { id: q3Findings[0]?.id as string, status: 'closed_with_evidence', note: 'Claim corrected in the model card' });
    expect(closed).toMatchObject({ status: 'closed_with_evidence', closedOn: '2026-09-25' });
    const q3Head = q3.verifyAudit();

    const q4File = path.join(dir, 'q4-2026.mrb');
    startNextCycle(q3, { path: q4File, name: 'Q4 2026', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
    const q4 = Workspace.open(q4File, { actor: 'analyst@test' });

    // What was carried.
    const lineage = cycleLineage(q4);
    expect(lineage.predecessor).toMatchObject({ name: 'Q3 2026', file: 'q3-2026.mrb', head: q3Head.head, headSeq: q3Head.events });
    expect(lineage.predecessorPresent).toBe(true);
    expect(lineage.carried).toEqual({ models: 4, bundles: 1, conditions: 2, mitigations: 1, acceptances: 1, findings: q3Findings.length - 1, priorScores: 3 });
    const first = q4.reader.prepare('SELECT action, entity, after FROM audit_events WHERE seq = 1').get() as { action: string; entity: string; after: string };
    expect(first).toMatchObject({ action: 'cycle.follow', entity: 'lineage' });
    expect(JSON.parse(first.after)).toMatchObject({ cycleId: lineage.predecessor?.cycleId, file: 'q3-2026.mrb', head: q3Head.head });
    expect(currentTaxonomy(q4)).toMatchObject({ version: 1, carriedFrom: { cycleName: 'Q3 2026', version: 1 } });
    const bundle = listBundles(q4.reader, CREDIT)[0];
    expect(bundle?.files.map((f) => f.role).sort()).toEqual(['current', 'lineage', 'manifest', 'model_card', 'predictions', 'reference']);
    expect(listPriorScores(q4.reader).map((s) => `${s.modelId}:${s.value}:${s.cycleName}`).sort()).toEqual([`${CREDIT}:3:Q3 2026`, 'hot:5:Q3 2026', 'warm:2:Q3 2026']);
    expect(q4.reader.prepare('SELECT count(*) FROM scores').pluck().get()).toBe(0);
    expect(q4.reader.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    const actions = actionRegister(q4, '2026-10-02');
    expect(actions.map((a) => `${a.modelId}:${a.kind}:${a.text}`).sort()).toEqual([
      `${CREDIT}:condition:Discrimination above 0.99`,
      `${CREDIT}:condition:Drift stays moderate`,
      'hot:mitigation:Add human review',
    ]);
    expect(actions.every((a) => a.bornIn?.cycleName === 'Q3 2026')).toBe(true);
    expect(acceptanceRegister(q4, '2026-10-02')).toMatchObject([{ modelId: 'hot', expiry: '2027-01-10', superseded: false, bornIn: { cycleName: 'Q3 2026' } }]);
    const carriedFindings = findingsRegister(q4, { asOf: '2026-10-02' });
    expect(carriedFindings.map((f) => f.id).sort()).toEqual(q3Findings.slice(1).map((f) => f.id).sort());
    expect(carriedFindings.every((f) => f.bornCycleName === 'Q3 2026')).toBe(true);
    expect(q4.verifyAudit().problem).toBeNull();
    expect(verifyPrevious(q4, q3)).toMatchObject({ ok: true });

    // Re-importing the bundle the findings came from registers nothing new.
    await importBundle(q4, EXAMPLE_BUNDLE);
    expect(findingsRegister(q4, { asOf: '2026-10-02' })).toHaveLength(carriedFindings.length);

    // The next bundle of the model: one rule met (closes with the bundle as evidence), one not (a high finding).
    const outcome = await importBundle(q4, laterBundle('1.5.0'));
    const checks = listRuleChecks(q4.reader);
    expect(checks.map((c) => `${c.rule}:${c.verdict}`).sort()).toEqual(['drift.psi_max < 5:met', 'overall.roc_auc >= 0.99:not_met']);
    expect(checks.every((c) => c.bundleSha256 === outcome.sha256 && typeof c.observed === 'number')).toBe(true);
    const after = actionRegister(q4, '2026-11-21').filter((a) => a.kind === 'condition');
    expect(after.find((a) => a.text === 'Drift stays moderate')).toMatchObject({ status: 'done', statusNote: expect.stringMatching(/^Met on bundle [0-9a-f]{12}…: drift\.psi_max = /) });
    expect(after.find((a) => a.text === 'Discrimination above 0.99')).toMatchObject({ status: 'open' });
    const breach = findingsRegister(q4, { asOf: '2026-11-21' }).find((f) => f.category === 'condition_rule');
    expect(breach).toMatchObject({ severity: 'high', type: 'policy_exception', status: 'open', title: expect.stringMatching(/requires overall\.roc_auc >= 0\.99; bundle [0-9a-f]{12}… shows overall\.roc_auc = 0\.\d+/) });
    // A finding born here is not one carried in.
    expect(cycleLineage(q4).carried.findings).toBe(q3Findings.length - 1);
    expect(q4.verifyAudit().ok).toBe(true);

    // Q3 changes after the hand-over through the app: Q4's head is still a state Q3 passed through.
    dayClockOf(q3).setDay('2026-10-05');
    updateFinding(q3, { id: q3Findings[1]?.id as string, owner: 'new.owner@example.org' });
    expect(verifyPrevious(q4, q3)).toMatchObject({ ok: true });

    // The third cycle.
    const q1File = path.join(dir, 'q1-2027.mrb');
    startNextCycle(q4, { path: q1File, name: 'Q1 2027', periodStart: '2027-01-01', periodEnd: '2027-03-31' });
    const q1 = Workspace.open(q1File, { actor: 'analyst@test' });
    expect(verifyPrevious(q1, q4)).toMatchObject({ ok: true });
    // Q4's own finding is carried into Q1 with Q3's still open, and the acceptance and the open actions again.
    expect(cycleLineage(q1).carried).toMatchObject({ findings: findingsRegister(q4, { asOf: '2026-12-31' }).filter((f) => f.status === 'open' || f.status === 'in_remediation').length, acceptances: 1, conditions: 1, mitigations: 1 });
    expect(modelHistory(q1, { modelId: CREDIT }).map((h) => `${h.cycleName}:${h.outcome ?? '-'}:${h.current}`)).toEqual([
      'Q3 2026:approved_with_conditions:false',
      'Q4 2026:-:false',
      'Q1 2027:-:true',
    ]);
    const q1Actions = actionRegister(q1, '2027-01-02');
    // The met condition stayed behind in Q4; the unmet one is still Q3's, carried twice.
    expect(q1Actions.map((a) => `${a.text}:${a.bornIn?.cycleName}`).sort()).toEqual(['Add human review:Q3 2026', 'Discrimination above 0.99:Q3 2026']);
    // The acceptance expired on 2027-01-10 and no decision resolved it: still carried, now expired.
    expect(acceptanceRegister(q1, '2027-01-20')).toMatchObject([{ modelId: 'hot', state: 'expired', bornIn: { cycleName: 'Q3 2026' } }]);
    expect(findingsRegister(q1, { openOnly: true, asOf: '2027-01-02' }).some((f) => f.category === 'condition_rule' && f.bornCycleName === 'Q4 2026')).toBe(true);
    expect(q1.verifyAudit().ok).toBe(true);

    q1.close();
    q4.close();
    q3.close();
    // Q3 edited behind the app after the hand-over: the chain of files no longer holds.
    const raw = new Database(q3File);
    raw.prepare("UPDATE audit_events SET actor = 'mallory' WHERE seq = 2").run();
    raw.close();
    const q3Again = Workspace.open(q3File, { readonly: true });
    const q4Again = Workspace.open(q4File, { readonly: true });
    expect(verifyPrevious(q4Again, q3Again)).toMatchObject({ ok: false, problem: expect.stringMatching(/Q3 2026.*does not hold/) });
    // And a cycle cannot follow from it: refused, nothing written.
    const refused = path.join(dir, 'refused.mrb');
    expect(() => startNextCycle(q3Again, { path: refused, name: 'Q4 again', periodStart: '2026-10-01', periodEnd: '2026-12-31' })).toThrow(/does not hold/);
    expect(fs.existsSync(refused)).toBe(false);
    q3Again.close();
    q4Again.close();
  });

  it('refuses an existing target and a period that starts before the predecessor ends, writing nothing', async () => {
    const { dir, ws } = await firstCycle();
    const taken = path.join(dir, 'taken.mrb');
    fs.writeFileSync(taken, 'x');
    expect(() => startNextCycle(ws, { path: taken, name: 'Q4', periodStart: '2026-10-01', periodEnd: '2026-12-31' })).toThrow(/already exists/);
    expect(fs.readFileSync(taken, 'utf8')).toBe('x');
    const early = path.join(dir, 'early.mrb');
    expect(() => startNextCycle(ws, { path: early, name: 'Q4', periodStart: '2026-09-30', periodEnd: '2026-12-31' })).toThrow(/starts 2026-09-30, before Q3 2026 ends \(2026-09-30\)/);
    expect(fs.existsSync(early)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('creating'))).toEqual([]);
    ws.close();
  });
});
