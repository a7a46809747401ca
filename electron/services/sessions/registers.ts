import { acceptanceState, actionStatus, daysBetween } from '../../../shared/sessions/followUp';
import { orderAcceptances, orderActions } from '../../../shared/sessions/registers';
import type { AcceptanceRow, AcceptanceState, ActionRow, PullReason } from '../../../shared/sessions/session';
import { decisionsInForce, type DecisionInContext } from '../store/decisionTable';
import { carriedAcceptanceRows, carriedActionRows } from '../cycles/carriedFollowUps';
import { lastChange, versionOf, versionsOf } from '../store/entityVersion';
import type { Workspace } from '../store/workspace';
import type { ParsedArgs } from '../../../shared/contract/calls';
import { todayOf } from '../clock';

type StoredStatus = { status: 'open' | 'done'; statusNote: string | null; statusAt: string | null; statusBy: string | null };

/** The rows of a decision's actions; `version` is the decision's, which a status change hands back. */
function actionRows(x: DecisionInContext, today: string, version = 0): ActionRow[] {
  const base = {
    sessionId: x.decision.sessionId,
    sessionNumber: x.sessionNumber,
    sessionDate: x.sessionDate,
    decisionId: x.decision.id,
    modelId: x.modelId,
    modelName: x.modelName,
  };
  const row = (r: { kind: ActionRow['kind']; id: string; text: string; owner: string; due: string; successCriteria: string | null; rule?: string } & StoredStatus): ActionRow => {
    const status = actionStatus(r.status, r.due, today);
    return {
      ...base,
      kind: r.kind,
      id: r.id,
      text: r.text,
      // A condition without an owner falls to the model's owner.
      owner: r.owner.trim() === '' ? x.modelOwner : r.owner,
      due: r.due,
      successCriteria: r.successCriteria,
      status,
      statusNote: r.statusNote,
      statusAt: r.statusAt,
      statusBy: r.statusBy,
      daysOverdue: status === 'overdue' ? daysBetween(r.due, today) : 0,
      version,
      ...(r.rule ? { rule: r.rule } : {}),
    };
  };
  return [
    ...x.decision.conditions.map((c) => row({ ...c, kind: 'condition', successCriteria: null })),
    ...x.decision.mitigations.map((m) => row({ ...m, kind: 'mitigation', text: m.action })),
  ];
}

/**
 * The action register: every condition and mitigation of the decisions in force across
 * the cycle's sessions (an amended decision's actions give way to its amendment's),
 * overdue first. `overdueOnly` keeps just the overdue ones.
 */
export function actionRegister(ws: Workspace, today: string, options: { overdueOnly?: boolean } = {}): ActionRow[] {
  const versions = versionsOf(ws.reader, 'decision');
  // Issue 11: the actions carried from earlier cycles stand beside this cycle's own.
  const rows = [...decisionsInForce(ws.reader).flatMap((x) => actionRows(x, today, versions.get(x.decision.id))), ...carriedActionRows(ws, today)];
  return orderActions(options.overdueOnly ? rows.filter((r) => r.status === 'overdue') : rows);
}

/** The register row of one action, wherever it stands. */
export function actionRow(ws: Workspace, kind: ActionRow['kind'], id: string, today: string): ActionRow | undefined {
  const row = decisionsInForce(ws.reader)
    .flatMap((x) => actionRows(x, today))
    .find((r) => r.kind === kind && r.id === id);
  return row && { ...row, version: versionOf(lastChange(ws.reader, 'decision', [row.decisionId])) };
}

/** For each model, the decision in force from its latest session: what the board last said. */
function latestByModel(inForce: readonly DecisionInContext[]): Map<string, DecisionInContext> {
  // decisionsInForce is oldest first, so the last one seen per model is the latest.
  const latest = new Map<string, DecisionInContext>();
  for (const x of inForce) latest.set(x.modelId, x);
  return latest;
}

/**
 * The acceptance register: each risk acceptance of a decision in force, expired first,
 * then expiring within 30 days, then active. An acceptance from an earlier session whose
 * model the board has decided on since is marked superseded and listed last.
 */
export function acceptanceRegister(ws: Workspace, today: string, options: { state?: AcceptanceState; includeSuperseded?: boolean } = {}): AcceptanceRow[] {
  const inForce = decisionsInForce(ws.reader);
  const latest = latestByModel(inForce);
  const rows = inForce.flatMap((x) =>
    x.decision.acceptances.map(
      (a): AcceptanceRow => ({
        id: a.id,
        sessionId: x.decision.sessionId,
        sessionNumber: x.sessionNumber,
        sessionDate: x.sessionDate,
        decisionId: x.decision.id,
        modelId: x.modelId,
        modelName: x.modelName,
        risk: a.risk,
        approver: a.approver,
        compensatingControls: a.compensatingControls,
        expiry: a.expiry,
        state: acceptanceState(a.expiry, today),
        daysLeft: daysBetween(today, a.expiry),
        superseded: latest.get(x.modelId)?.decision.id !== x.decision.id,
      }),
    ),
  );
  rows.push(...carriedAcceptanceRows(ws, today));
  return orderAcceptances(
    rows.filter((r) => (options.state === undefined || r.state === options.state) && (options.includeSuperseded !== false || !r.superseded)),
  );
}

/**
 * Why each model deserves a look before its heat says so: the acceptance the board last
 * granted has expired, or an action of a decision in force is overdue. Decisions of
 * `exceptSession` (the one whose agenda is being built) do not count.
 */
export function followUpReasons(ws: Workspace, today: string, exceptSession?: string): Map<string, PullReason[]> {
  const inForce = decisionsInForce(ws.reader).filter((x) => x.decision.sessionId !== exceptSession);
  const reasons = new Map<string, Set<PullReason>>();
  const add = (modelId: string, r: PullReason) => reasons.set(modelId, (reasons.get(modelId) ?? new Set()).add(r));
  for (const [modelId, x] of latestByModel(inForce)) {
    if (x.decision.acceptances.some((a) => acceptanceState(a.expiry, today) === 'expired')) add(modelId, 'expired_acceptance');
  }
  for (const f of carriedActionRows(ws, today)) if (f.status === 'overdue') add(f.modelId, 'overdue_action');
  for (const f of carriedAcceptanceRows(ws, today)) if (!f.superseded && f.state === 'expired') add(f.modelId, 'expired_acceptance');
  for (const x of inForce) {
    if (actionRows(x, today).some((r) => r.status === 'overdue')) add(x.modelId, 'overdue_action');
  }
  return new Map([...reasons].map(([k, v]) => [k, [...v].sort()]));
}

/** registers.actions: the register as of the workspace's today. */
export function actionsCall(ws: Workspace, a: ParsedArgs<'registers.actions'>): ActionRow[] {
  return actionRegister(ws, todayOf(ws.clock), a);
}

/** registers.acceptances: the register as of the workspace's today. */
export function acceptancesCall(ws: Workspace, a: ParsedArgs<'registers.acceptances'>): AcceptanceRow[] {
  return acceptanceRegister(ws, todayOf(ws.clock), a);
}
