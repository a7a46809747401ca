import type { z } from 'zod';
import { UserError } from '../../../shared/contract/errors';
import { SetActionStatusArgsSchema } from '../../../shared/sessions/callSchemas';
import { acceptanceState, actionStatus, daysBetween } from '../../../shared/sessions/followUp';
import type { AcceptanceRow, ActionRow } from '../../../shared/sessions/session';
import { decisionsInForce } from '../store/decisionTable';
import { carriedImage, getCarried, listCarried, setCarriedStatus, type CarriedFollowUp } from '../store/followupTable';
import { listModels } from '../store/modelTable';
import { lastChange, refuseStale, versionOf, versionsOf } from '../store/entityVersion';
import type { Workspace } from '../store/workspace';
import { parse, todayOf } from '../sessions/sessionGuards';

/**
 * Follow-ups carried from earlier cycles, as the registers show them: the same rows as
 * this cycle's own, with the cycle they were born in.
 */

function actionRowOf(f: CarriedFollowUp, modelName: string, today: string, version: number): ActionRow {
  const status = actionStatus(f.status, f.due, today);
  return {
    kind: f.kind as ActionRow['kind'],
    id: f.id,
    sessionId: f.sessionId,
    sessionNumber: f.sessionNumber,
    sessionDate: f.sessionDate,
    decisionId: f.decisionId,
    modelId: f.modelId,
    modelName,
    text: f.text,
    owner: f.owner,
    due: f.due,
    successCriteria: f.kind === 'mitigation' ? f.detail : null,
    status,
    statusNote: f.statusNote,
    statusAt: f.statusAt,
    statusBy: f.statusBy,
    daysOverdue: status === 'overdue' ? daysBetween(f.due, today) : 0,
    version,
    bornIn: { cycleId: f.bornCycleId, cycleName: f.bornCycleName },
    ...(f.rule ? { rule: f.rule } : {}),
  };
}

function names(ws: Workspace): Map<string, string> {
  return new Map(listModels(ws.reader).map((m) => [m.id, m.name]));
}

export function carriedActionRows(ws: Workspace, today: string): ActionRow[] {
  const n = names(ws);
  const versions = versionsOf(ws.reader, 'followup');
  return listCarried(ws.reader)
    .filter((f) => f.kind !== 'acceptance')
    .map((f) => actionRowOf(f, n.get(f.modelId) ?? f.modelId, today, versions.get(f.id) ?? 0));
}

/** Carried acceptances; one is superseded once the board decides on its model in this cycle. */
export function carriedAcceptanceRows(ws: Workspace, today: string): AcceptanceRow[] {
  const n = names(ws);
  const decided = new Set(decisionsInForce(ws.reader).map((x) => x.modelId));
  return listCarried(ws.reader, 'acceptance').map((f) => ({
    id: f.id,
    sessionId: f.sessionId,
    sessionNumber: f.sessionNumber,
    sessionDate: f.sessionDate,
    decisionId: f.decisionId,
    modelId: f.modelId,
    modelName: n.get(f.modelId) ?? f.modelId,
    risk: f.text,
    approver: f.owner,
    compensatingControls: f.detail ?? '',
    expiry: f.due,
    state: acceptanceState(f.due, today),
    daysLeft: daysBetween(today, f.due),
    superseded: decided.has(f.modelId),
    bornIn: { cycleId: f.bornCycleId, cycleName: f.bornCycleName },
  }));
}

export function isCarriedAction(ws: Workspace, id: string): boolean {
  const f = getCarried(ws.reader, id);
  return f !== undefined && f.kind !== 'acceptance';
}

/** Marks a carried condition or mitigation done (or open again), audited like this cycle's own. */
export function setCarriedFollowUpStatus(ws: Workspace, args: z.input<typeof SetActionStatusArgsSchema>): ActionRow {
  const a = parse(SetActionStatusArgsSchema, args);
  const before = getCarried(ws.reader, a.id);
  if (!before || before.kind !== a.kind) throw new UserError('not_found', `There is no ${a.kind} "${a.id}" in this cycle.`, 'id');
  refuseStale(`The ${a.kind} "${before.text}"`, a.expectedVersion, lastChange(ws.reader, 'followup', [a.id]));
  ws.transaction((tx) => {
    setCarriedStatus(tx.db, a.id, { status: a.status, note: a.note && a.note !== '' ? a.note : null, at: tx.now, by: tx.actor });
    const after = getCarried(tx.db, a.id) as CarriedFollowUp;
    tx.audit({ action: `${a.kind}.status`, entity: 'followup', entityId: a.id, before: carriedImage(before), after: carriedImage(after) });
  });
  const today = todayOf(ws.clock);
  const after = getCarried(ws.reader, a.id) as CarriedFollowUp;
  return actionRowOf(after, names(ws).get(after.modelId) ?? after.modelId, today, versionOf(lastChange(ws.reader, 'followup', [a.id])));
}
