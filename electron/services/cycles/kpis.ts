import fs from 'node:fs';
import type { ParsedArgs } from '../../../shared/contract/calls';
import { todayOf } from '../clock';
import { daysKpi, shareKpi, type KpiReport } from '../../../shared/cycles/kpis';
import { localDate } from '../../../shared/sessions/dates';
import { daysBetween } from '../../../shared/sessions/followUp';
import type { ValidationReport } from '../../../shared/validation/report';
import { closedFindingDates } from '../store/findingTable';
import { heatmap } from '../scoring/scoreService';
import { readCycle } from '../store/cycleTable';
import { decisionsInForce } from '../store/decisionTable';
import { doneCarriedActions } from '../store/followupTable';
import { listModels } from '../store/modelTable';
import { allHistory } from '../store/lineageTable';
import { Workspace } from '../store/workspace';
import { followUpsInForce } from './dueService';
import { predecessorPath } from './lineageService';
import { evidenceAt, latestEvidence } from './standing';

/** The programme KPIs of one cycle as of a day (issue 11, section 5). */
export function cycleKpis(ws: Workspace, today: string): KpiReport {
  const db = ws.reader;
  const map = heatmap(ws);
  const rows = new Map(map.rows.map((r) => [r.model.id, r]));
  const models = listModels(db);
  const n = models.length;
  // A tier carried from the last cycle counts until the model is scored again here.
  const history = allHistory(db);
  const tierOf = (id: string) => rows.get(id)?.tier ?? history.get(id)?.at(-1)?.tier ?? null;
  const covered = models.filter((m) => m.owner.trim() !== '' && m.useCase.trim() !== '' && tierOf(m.id) !== null && m.deployment.context !== undefined).length;
  const dims = map.taxonomy.dimensions;
  const tiered = map.rows.filter((r) => dims.length > 0 && dims.every((d) => r.scores[d.key] !== undefined)).length;
  const inForce = decisionsInForce(db);
  const sla: number[] = [];
  for (const x of inForce) {
    const ev = evidenceAt(db, x.modelId, x.decision.decidedAt);
    if (ev) sla.push(Math.max(0, daysBetween(localDate(new Date(ev.importedAt)), x.decision.decisionDate)));
  }
  const reportOf = db.prepare('SELECT report FROM bundles WHERE sha256 = ?').pluck();
  let monitored = 0;
  for (const e of latestEvidence(db).values()) {
    const report = JSON.parse(reportOf.get(e.sha256) as string) as ValidationReport;
    if (Object.keys(report.metrics.drift).length > 0) monitored += 1;
  }
  const acceptances = [...followUpsInForce(ws).acceptances.values()].flat();
  const expired = acceptances.filter((a) => a.expiry < today).length;
  const closeDays: number[] = [];
  for (const x of inForce) {
    for (const c of [...x.decision.conditions, ...x.decision.mitigations]) {
      if (c.status === 'done' && c.statusAt) closeDays.push(Math.max(0, daysBetween(x.decision.decisionDate, localDate(new Date(c.statusAt)))));
    }
  }
  // Only the dates are read: the Overview asks again after every change, and the whole
  // register and every carried follow-up as objects were a third of the KPIs' time.
  for (const f of doneCarriedActions(db)) closeDays.push(Math.max(0, daysBetween(f.sessionDate, localDate(new Date(f.statusAt)))));
  for (const f of closedFindingDates(db)) closeDays.push(Math.max(0, daysBetween(f.openedOn, f.closedOn)));
  return {
    cycleName: readCycle(db)?.name ?? '',
    asOf: today,
    previousCycleName: null,
    kpis: [
      shareKpi('inventory_coverage', covered, n),
      shareKpi('tiering_completion', tiered, n),
      daysKpi('review_sla_days', sla),
      shareKpi('monitoring_coverage', monitored, n),
      shareKpi('overdue_exceptions', expired, acceptances.length),
      daysKpi('remediation_cycle_days', closeDays),
    ],
  };
}

/**
 * The KPIs with, when the predecessor's file is at hand (given, or beside this workspace
 * under its recorded name), each one's value last cycle, measured as of the day that
 * cycle ended.
 */
/** kpis.get: as of the day asked, else the workspace's today. */
export function kpisCall(ws: Workspace, a: ParsedArgs<'kpis.get'>): KpiReport {
  const today = a.asOf ?? todayOf(ws.clock);
  return a.withPrevious ? kpisWithPrevious(ws, today) : cycleKpis(ws, today);
}

export function kpisWithPrevious(ws: Workspace, today: string, previousFile?: string | null): KpiReport {
  const report = cycleKpis(ws, today);
  const file = previousFile ?? predecessorPath(ws);
  if (!file || !fs.existsSync(file)) return report;
  const prev = Workspace.open(file, { readonly: true, clock: ws.clock });
  try {
    const end = readCycle(prev.reader)?.period_end ?? today;
    const before = cycleKpis(prev, end < today ? end : today);
    const byKey = new Map(before.kpis.map((k) => [k.key, k.value]));
    return { ...report, previousCycleName: before.cycleName, kpis: report.kpis.map((k) => ({ ...k, previous: byKey.get(k.key) ?? null })) };
  } finally {
    prev.close();
  }
}
