import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { UserError } from '../../../shared/contract/errors';
import {
  FindingsRegisterArgsSchema,
  RaiseFindingArgsSchema,
  UpdateFindingArgsSchema,
  findingKey,
  isOpenStatus,
  type FindingAging,
  type FindingType,
  type RegisterFinding,
  type RegisterSeverity,
} from '../../../shared/cycles/findings';
import { addDays, localDate } from '../../../shared/sessions/dates';
import { daysBetween } from '../../../shared/sessions/followUp';
import type { Finding, ValidationReport } from '../../../shared/validation/report';
import { readCycle } from '../store/cycleTable';
import { listCarried } from '../store/followupTable';
import {
  findingImage,
  getRegisterFinding,
  insertRegisterFinding,
  listRegisterFindings,
  liveFindingKeys,
  updateRegisterFinding,
  type StoredFinding,
} from '../store/findingTable';
import { hasCycleTables } from '../store/lineageTable';
import { getModel, listModels } from '../store/modelTable';
import { decisionsInForce } from '../store/decisionTable';
import type { Workspace, WriteTx } from '../store/workspace';
import { parse, todayOf } from '../sessions/sessionGuards';

/**
 * The findings register (issue 11, section 2): a finding lives from the import or the
 * person that raised it until it is closed with evidence or covered by an acceptance,
 * across cycles; every change is an audited event.
 */

/** Days to remediate by severity, from the day a finding is opened, when no one sets a due date. */
export const REMEDIATION_DAYS: Readonly<Record<RegisterSeverity, number>> = { critical: 30, high: 60, medium: 90, low: 180 };

const SEVERITY_ORDER: Readonly<Record<RegisterSeverity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

function typeOfBundleFinding(f: Finding): FindingType {
  // A group too small to measure limits what the evidence can say; the rest are issues the validation found.
  return f.category === 'small_group' ? 'limitation' : 'validation_issue';
}

function view(f: StoredFinding, modelName: string, today: string): RegisterFinding {
  const open = isOpenStatus(f.status);
  return {
    id: f.id,
    type: f.type,
    severity: f.severity,
    category: f.category,
    title: f.title,
    modelId: f.modelId,
    modelName,
    bundleSha256: f.bundleSha256,
    decisionId: f.decisionId,
    conditionId: f.conditionId,
    owner: f.owner,
    due: f.due,
    status: f.status,
    statusNote: f.statusNote,
    acceptanceId: f.acceptanceId,
    openedOn: f.openedOn,
    closedOn: f.closedOn,
    ageDays: Math.max(0, daysBetween(f.openedOn, open || f.closedOn === null ? today : f.closedOn)),
    overdue: open && f.due !== null && f.due < today,
    bornCycleId: f.bornCycleId,
    bornCycleName: f.bornCycleName,
    raisedBy: f.raisedBy,
  };
}

/** Overdue first, then open before closed, most severe, oldest. */
export function orderFindings(rows: readonly RegisterFinding[]): RegisterFinding[] {
  return [...rows].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      Number(isOpenStatus(b.status)) - Number(isOpenStatus(a.status)) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.openedOn.localeCompare(b.openedOn) ||
      a.id.localeCompare(b.id),
  );
}

export function findingsRegister(ws: Workspace, args: z.input<typeof FindingsRegisterArgsSchema> = {}): RegisterFinding[] {
  const a = parse(FindingsRegisterArgsSchema, args);
  const today = a.asOf ?? todayOf(ws.clock);
  const names = new Map(listModels(ws.reader).map((m) => [m.id, m.name]));
  const rows = listRegisterFindings(ws.reader)
    .map((f) => view(f, names.get(f.modelId) ?? f.modelId, today))
    .filter(
      (f) =>
        (a.modelId === undefined || f.modelId === a.modelId) &&
        (a.status === undefined || a.status.includes(f.status)) &&
        (a.severity === undefined || a.severity.includes(f.severity)) &&
        (a.type === undefined || a.type.includes(f.type)) &&
        (!a.openOnly || isOpenStatus(f.status)) &&
        (!a.overdueOnly || f.overdue),
    );
  return orderFindings(rows);
}

function findingView(ws: Workspace, id: string, today: string): RegisterFinding {
  const f = getRegisterFinding(ws.reader, id);
  if (!f) throw new UserError('not_found', `There is no finding "${id}" in this cycle.`, 'id');
  return view(f, getModel(ws.reader, f.modelId)?.name ?? f.modelId, today);
}

function currentCycle(db: WriteTx['db']): { id: string; name: string } {
  const c = readCycle(db);
  if (!c) throw new UserError('workspace_refused', 'The workspace holds no review cycle.');
  return { id: c.id, name: c.name };
}

/** Writes a new finding and its event inside the caller's transaction. */
export function openFinding(
  tx: WriteTx,
  f: Omit<StoredFinding, 'id' | 'status' | 'statusNote' | 'acceptanceId' | 'closedOn' | 'bornCycleId' | 'bornCycleName' | 'raisedBy' | 'updatedAt'>,
  action: string,
): StoredFinding {
  const cycle = currentCycle(tx.db);
  const row: StoredFinding = {
    ...f,
    id: randomUUID(),
    status: 'open',
    statusNote: null,
    acceptanceId: null,
    closedOn: null,
    bornCycleId: cycle.id,
    bornCycleName: cycle.name,
    raisedBy: tx.actor,
    updatedAt: tx.now,
  };
  insertRegisterFinding(tx.db, row);
  tx.audit({ action, entity: 'finding', entityId: row.id, before: null, after: findingImage(row) });
  return row;
}

/**
 * Registers the findings of an imported bundle, inside the import's transaction: one per
 * distinct finding (findingKey), so the same issue found again in a later bundle while its
 * finding is still open is not registered twice; once closed, a recurrence opens anew.
 * Informational findings are not the board's business and stay in the report only.
 */
export function registerBundleFindings(tx: WriteTx, modelId: string, bundleSha256: string, report: ValidationReport): number {
  if (!hasCycleTables(tx.db)) return 0;
  const owner = getModel(tx.db, modelId)?.owner ?? '';
  const live = liveFindingKeys(tx.db, modelId);
  const today = localDate(new Date(tx.now));
  let added = 0;
  for (const f of report.findings) {
    if (f.severity === 'info') continue;
    const key = findingKey(modelId, f.category, f.evidence);
    if (live.has(key)) continue;
    live.add(key);
    openFinding(
      tx,
      {
        key,
        type: typeOfBundleFinding(f),
        severity: f.severity,
        category: f.category,
        title: f.message,
        modelId,
        bundleSha256,
        decisionId: null,
        conditionId: null,
        owner,
        due: addDays(today, REMEDIATION_DAYS[f.severity]),
        openedOn: today,
      },
      'finding.register',
    );
    added += 1;
  }
  return added;
}

export function raiseFinding(ws: Workspace, args: z.input<typeof RaiseFindingArgsSchema>): RegisterFinding {
  const a = parse(RaiseFindingArgsSchema, args);
  const model = getModel(ws.reader, a.modelId);
  if (!model) throw new UserError('not_found', `There is no model "${a.modelId}" in this cycle.`, 'modelId');
  if (a.bundleSha256 !== null) {
    const of = ws.reader.prepare('SELECT model_id FROM bundles WHERE sha256 = ?').pluck().get(a.bundleSha256) as string | undefined;
    if (of !== model.id) throw new UserError('invalid_argument', `The bundle ${a.bundleSha256.slice(0, 12)}… is not a bundle of ${model.name} in this cycle.`, 'bundleSha256');
  }
  if (a.decisionId !== null && !decisionsInForce(ws.reader).some((x) => x.decision.id === a.decisionId && x.modelId === model.id)) {
    throw new UserError('invalid_argument', `"${a.decisionId}" is not a decision in force on ${model.name}.`, 'decisionId');
  }
  const today = todayOf(ws.clock);
  if (a.due !== null && a.due < today) throw new UserError('invalid_argument', `The due date ${a.due} is already past; give a date from ${today} on.`, 'due');
  const row = ws.transaction((tx) =>
    openFinding(
      tx,
      {
        key: `${model.id}|raised|${randomUUID()}`,
        type: a.type,
        severity: a.severity,
        category: a.category,
        title: a.title,
        modelId: model.id,
        bundleSha256: a.bundleSha256,
        decisionId: a.decisionId,
        conditionId: null,
        owner: a.owner === '' ? model.owner : a.owner,
        due: a.due ?? addDays(today, REMEDIATION_DAYS[a.severity]),
        openedOn: today,
      },
      'finding.raise',
    ),
  );
  return findingView(ws, row.id, today);
}

/** Acceptances a finding may be covered by: those in force on the model, this cycle's or carried. */
function acceptanceIdsOf(ws: Workspace, modelId: string): Set<string> {
  const ids = new Set<string>();
  for (const x of decisionsInForce(ws.reader)) if (x.modelId === modelId) for (const a of x.decision.acceptances) ids.add(a.id);
  for (const f of listCarried(ws.reader, 'acceptance')) if (f.modelId === modelId) ids.add(f.id);
  return ids;
}

export function updateFinding(ws: Workspace, args: z.input<typeof UpdateFindingArgsSchema>): RegisterFinding {
  const a = parse(UpdateFindingArgsSchema, args);
  const before = getRegisterFinding(ws.reader, a.id);
  if (!before) throw new UserError('not_found', `There is no finding "${a.id}" in this cycle.`, 'id');
  const today = todayOf(ws.clock);
  const status = a.status ?? before.status;
  const after: StoredFinding = {
    ...before,
    owner: a.owner ?? before.owner,
    due: a.due === undefined ? before.due : a.due,
    severity: a.severity ?? before.severity,
    status,
  };
  if (status === 'closed_with_evidence') {
    if (a.status !== undefined && before.status !== 'closed_with_evidence') {
      if (!a.note) throw new UserError('invalid_argument', 'Closing a finding needs the evidence it was fixed on: give a note.', 'note');
      after.statusNote = a.note;
      after.closedOn = today;
    }
    after.acceptanceId = null;
  } else if (status === 'covered_by_acceptance') {
    const acceptance = a.acceptanceId ?? before.acceptanceId;
    if (!acceptance) throw new UserError('invalid_argument', 'A finding covered by an acceptance names it: give acceptanceId.', 'acceptanceId');
    if (!acceptanceIdsOf(ws, before.modelId).has(acceptance)) {
      throw new UserError('invalid_argument', `"${acceptance}" is not a risk acceptance in force on this finding's model.`, 'acceptanceId');
    }
    after.acceptanceId = acceptance;
    after.closedOn = before.status === 'covered_by_acceptance' ? before.closedOn : today;
    if (a.note) after.statusNote = a.note;
  } else {
    after.acceptanceId = null;
    after.closedOn = null;
    if (a.note) after.statusNote = a.note;
  }
  if (JSON.stringify({ ...after, updatedAt: '' }) === JSON.stringify({ ...before, updatedAt: '' })) {
    throw new UserError('invalid_argument', 'Nothing changed: the finding already reads so.');
  }
  ws.transaction((tx) => {
    const row = { ...after, updatedAt: tx.now };
    updateRegisterFinding(tx.db, row);
    tx.audit({ action: `finding.${a.status !== undefined && a.status !== before.status ? a.status : 'update'}`, entity: 'finding', entityId: row.id, before: findingImage(before), after: findingImage(row) });
  });
  return findingView(ws, a.id, today);
}

/** Open findings by severity and age as of a day, for the posture. */
export function findingAging(open: readonly { severity: RegisterSeverity; openedOn: string; due: string | null }[], today: string): FindingAging[] {
  return (['critical', 'high', 'medium', 'low'] as const).map((severity) => {
    const ages = open.filter((r) => r.severity === severity).map((r) => ({ age: daysBetween(r.openedOn, today), overdue: r.due !== null && r.due < today }));
    return {
      severity,
      open: ages.length,
      upTo30: ages.filter((r) => r.age <= 30).length,
      upTo90: ages.filter((r) => r.age > 30 && r.age <= 90).length,
      over90: ages.filter((r) => r.age > 90).length,
      overdue: ages.filter((r) => r.overdue).length,
    };
  });
}
