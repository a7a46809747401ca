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
  const before = previousKpis(file, today, ws);
  const byKey = new Map(before.kpis.map((k) => [k.key, k.value]));
  return { ...report, previousCycleName: before.cycleName, kpis: report.kpis.map((k) => ({ ...k, previous: byKey.get(k.key) ?? null })) };
}

/**
 * The last cycle's KPIs, kept per file while the file and its write-ahead log stay as they
 * were (device, inode, size and modification time of each): the Overview asks after every
 * change in this cycle, and opening the last cycle's file (its integrity check reads it
 * whole) and measuring it again was half of each answer. Any write to that file, through
 * the app or behind it, changes its log or the file itself, and the KPIs are measured again.
 */
const previousByFile = new Map<string, { stamp: string; end: string | null; report: KpiReport }>();

function fileStamp(file: string): string {
  const stamp = (f: string) => {
    try {
      const s = fs.statSync(f, { bigint: true });
      return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`;
    } catch {
      return '-';
    }
  };
  return `${stamp(file)}|${stamp(`${file}-wal`)}`;
}

/** As of the day the last cycle ended, or today while it has not. */
const asOfDay = (end: string | null, today: string) => (end !== null && end < today ? end : today);

function previousKpis(file: string, today: string, ws: Workspace): KpiReport {
  const stamp = fileStamp(file);
  const kept = previousByFile.get(file);
  if (kept !== undefined && kept.stamp === stamp && kept.report.asOf === asOfDay(kept.end, today)) return kept.report;
  previousByFile.delete(file);
  const prev = Workspace.open(file, { readonly: true, clock: ws.clock });
  let measured: { end: string | null; report: KpiReport };
  try {
    const end = readCycle(prev.reader)?.period_end ?? null;
    measured = { end, report: cycleKpis(prev, asOfDay(end, today)) };
  } finally {
    prev.close();
  }
  // Kept only when nothing moved while it was read. The first read-only opening of a file
  // closed cleanly leaves an empty log beside it: that one is measured again on the next call.
  if (fileStamp(file) === stamp) previousByFile.set(file, { stamp, ...measured });
  return measured.report;
}
