import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dueModels } from '../../../electron/services/cycles/dueService';
import { startNextCycle } from '../../../electron/services/cycles/nextCycle';
import { posture } from '../../../electron/services/cycles/posture';
import { cycleKpis, kpisWithPrevious } from '../../../electron/services/cycles/kpis';
import * as sessions from '../../../electron/services/sessions/sessionService';
import { Workspace } from '../../../electron/services/store/workspace';
import { CREDIT, firstCycle, holdSession, importBundle, laterBundle } from './chain';
import { DayClock, dayClockOf } from '../../helpers/dayClock';
import { addModels, modelFixture } from '../../helpers/workspaces';
import { carriedActionRows, setCarriedFollowUpStatus } from '../../../electron/services/cycles/carriedFollowUps';
import { findingsRegister, updateFinding } from '../../../electron/services/findings/findingsRegister';
import { daysBetween } from '../../../shared/sessions/followUp';
import type { ActionRow } from '../../../shared/sessions/session';
import type { RegisterFinding } from '../../../shared/cycles/findings';

const asOf = '2026-12-20';

async function secondCycle() {
  const { dir, ws: q3 } = await firstCycle();
  const file = path.join(dir, 'q4.mrb');
  startNextCycle(q3, { path: file, name: 'Q4 2026', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
  const q4 = Workspace.open(file, { actor: 'analyst@test', clock: new DayClock('2026-11-21') });
  return { q3, q4 };
}

describe('which models need the board, the agenda from the due list, the posture and the KPIs', () => {
  it('gives each due model its reasons, most urgent first, and builds a capped agenda from them', async () => {
    const { q3, q4 } = await secondCycle();
    await importBundle(q4, laterBundle('1.5.0'));
    const due = dueModels(q4, { asOf });
    const reasons = new Map(due.map((m) => [m.modelId, m.reasons.map((r) => r.kind)]));
    expect(reasons.get('warm')).toEqual(['action_overdue']);
    expect(reasons.get('hot')).toEqual(['action_overdue', 'acceptance_expiring']);
    expect(reasons.get('quiet')).toEqual(['never_reviewed']);
    expect(reasons.get(CREDIT)).toEqual(expect.arrayContaining(['material_change', 'open_finding']));
    // The metric that breached, written as the rule's sentence reads it.
    expect(due.find((m) => m.modelId === CREDIT)?.reasons.filter((r) => r.kind === 'breach').map((r) => r.text)).toContain(
      'Breach in the latest bundle: drift.psi_max = 0.6889 (Performance & drift: drift.psi_max >= 0.25 proposes 5).',
    );
    expect(due.map((m) => m.urgency)).toEqual(['overdue', 'overdue', 'due', 'due']);
    expect(due.slice(0, 2).map((m) => m.modelId).sort()).toEqual(['hot', 'warm']);

    // The board decides on quiet in a session of this cycle: it is off the next due agenda.
    holdSession(q4, '2026-12-10', { quiet: { outcome: 'approved', rationale: 'Reviewed: low risk.', acknowledgement: 'Thin test evidence, acknowledged.' } });
    expect(dueModels(q4, { asOf }).map((m) => m.modelId)).not.toContain('quiet');
    dayClockOf(q4).setDay(asOf);
    const s = sessions.createSession(q4, { title: 'January board', date: '2026-12-20', chair: 'Ann Lee' });
    const agenda = sessions.buildAgenda(q4, { sessionId: s.session.id, from: 'due', cap: 2 });
    expect(agenda.items.map((i) => i.modelId)).toEqual(dueModels(q4, { asOf }).slice(0, 2).map((m) => m.modelId));
    const all = sessions.buildAgenda(q4, { sessionId: s.session.id, from: 'due' });
    expect(all.items.map((i) => i.modelId).sort()).toEqual([CREDIT, 'hot', 'warm']);

    const p = posture(q4, { asOf });
    expect(p.models).toBe(4);
    expect(p.due.map((m) => m.modelId)).toEqual(dueModels(q4, { asOf }).map((m) => m.modelId));
    expect(p.acceptancesExpiring).toEqual({ within30: 1, within60: 0, within90: 0, expired: 0 });
    expect(p.overdueActions).toBe(2);
    expect(p.nextSession).toMatchObject({ title: 'January board', date: '2026-12-20' });
    expect(p.awaitingDecision.map((m) => m.modelId)).toEqual([CREDIT]);
    expect(p.findings.find((f) => f.severity === 'high')?.open).toBeGreaterThan(0);
    expect(p.unscored.map((m) => m.modelId).sort()).toEqual([CREDIT, 'hot', 'quiet', 'warm']);
    expect(q4.verifyAudit().problem).toBeNull();
    q4.close();
    q3.close();
  });

  it('measures the KPIs with their definitions, beside last cycle’s', async () => {
    const { q3, q4 } = await secondCycle();
    const before = cycleKpis(q3, '2026-09-30');
    const byKey = new Map(before.kpis.map((k) => [k.key, k]));
    // Three of four models scored on one dimension each: tiered but not completely.
    expect(byKey.get('inventory_coverage')).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, definition: expect.stringMatching(/owner, a use case, a tier and a deployment context/) });
    expect(byKey.get('tiering_completion')).toMatchObject({ value: 0, numerator: 0, denominator: 4 });
    expect(byKey.get('monitoring_coverage')).toMatchObject({ numerator: 1, denominator: 4 });
    expect(byKey.get('overdue_exceptions')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(byKey.get('review_sla_days')?.denominator).toBe(1);
    q3.close();
    const report = kpisWithPrevious(q4, '2026-10-02');
    expect(report.previousCycleName).toBe('Q3 2026');
    const now = new Map(report.kpis.map((k) => [k.key, k]));
    // Scores are prior in Q4, but the tiers carried from Q3 count until the models are scored again.
    expect(now.get('inventory_coverage')).toMatchObject({ value: 0.75, previous: 0.75 });
    expect(now.get('tiering_completion')).toMatchObject({ value: 0, previous: 0 });
    expect(now.get('overdue_exceptions')).toMatchObject({ value: 0, denominator: 1, previous: 0 });

    // Last cycle's KPIs are measured once while its file stays as it was, and again once it changes.
    const opens = vi.spyOn(Workspace, 'open');
    try {
      // The first reading left an empty log beside the closed file: measured again, then kept.
      expect(kpisWithPrevious(q4, '2026-10-02')).toEqual(report);
      opens.mockClear();
      expect(kpisWithPrevious(q4, '2026-10-02')).toEqual(report);
      expect(opens).not.toHaveBeenCalled();
      const q3Again = Workspace.open(q3.path, { actor: 'analyst@test' });
      addModels(q3Again, [modelFixture('late-entry')]);
      q3Again.close();
      opens.mockClear();
      const changed = new Map(kpisWithPrevious(q4, '2026-10-02').kpis.map((k) => [k.key, k]));
      expect(opens).toHaveBeenCalledTimes(1);
      // Four models of five have an owner, a use case, a tier and a context: the new one has no tier.
      expect(changed.get('inventory_coverage')).toMatchObject({ value: 0.75, previous: 0.6 });
    } finally {
      opens.mockRestore();
    }

    // Remediation days: a carried action marked done counts from its session's date, a closed
    // finding from the day it opened; open ones do not count.
    expect(new Map(cycleKpis(q4, '2026-10-02').kpis.map((k) => [k.key, k])).get('remediation_cycle_days')).toMatchObject({ value: null, denominator: 0 });
    const mitigation = carriedActionRows(q4, '2026-10-02').find((a) => a.kind === 'mitigation') as ActionRow;
    dayClockOf(q4).setDay('2026-10-12');
    setCarriedFollowUpStatus(q4, { kind: 'mitigation', id: mitigation.id, status: 'done', note: 'Human review added' });
    const finding = findingsRegister(q4, { asOf: '2026-10-12' })[0] as RegisterFinding;
    dayClockOf(q4).setDay('2026-10-20');
    updateFinding(q4, { id: finding.id, status: 'closed_with_evidence', note: 'Claim corrected' });
    const remediation = new Map(cycleKpis(q4, '2026-10-20').kpis.map((k) => [k.key, k])).get('remediation_cycle_days');
    const days = [daysBetween(mitigation.sessionDate, '2026-10-12'), daysBetween(finding.openedOn, '2026-10-20')].sort((a, b) => a - b);
    expect(days[0]).not.toBe(days[1]);
    expect(remediation).toMatchObject({ denominator: 2, value: (days[0] as number) / 2 + (days[1] as number) / 2 });
    q4.close();
  });
});
