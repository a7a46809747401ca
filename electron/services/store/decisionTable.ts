import type { BlockingRisk, Outcome, RecordedStatus, VoteChoice } from '../../../shared/sessions/session';
import type { Tier } from '../../../shared/scoring/tier';
import type { Json } from './auditChain';
import { hasSessionTables } from './sessionTable';
import type { ReadDb, WriteDb } from './handles';
import { statement } from './statementCache';
import { tableExists } from './tableExists';

/**
 * Decisions with their votes, conditions, mitigations and risk acceptances, and the
 * amendments that follow them. The audit log images a decision as one entity with all its
 * parts, so recording, amending or following up a decision is one event each.
 */

export interface StoredCondition {
  /** The metric rule the model's next bundle is checked against (issue 11); absent when none. */
  rule?: string;
  id: string;
  position: number;
  text: string;
  owner: string;
  due: string;
  status: RecordedStatus;
  statusNote: string | null;
  statusAt: string | null;
  statusBy: string | null;
}

export interface StoredMitigation {
  id: string;
  position: number;
  action: string;
  owner: string;
  due: string;
  successCriteria: string;
  status: RecordedStatus;
  statusNote: string | null;
  statusAt: string | null;
  statusBy: string | null;
}

export interface StoredAcceptance {
  id: string;
  position: number;
  risk: string;
  approver: string;
  compensatingControls: string;
  expiry: string;
}

export interface StoredDecision {
  id: string;
  sessionId: string;
  itemId: string;
  kind: 'original' | 'amendment';
  outcome: Outcome;
  rationale: string;
  blockingRisk: BlockingRisk | null;
  heat: number | null;
  tier: Tier | null;
  decisionDate: string;
  decidedAt: string;
  decidedBy: string;
  amends: { decisionId: string; reason: string; amendedAt: string; amendedBy: string } | null;
  votes: StoredVote[];
  conditions: StoredCondition[];
  mitigations: StoredMitigation[];
  acceptances: StoredAcceptance[];
  /** How the board approved an amendment (issue 13); absent for originals and older amendments. */
  approval?: StoredApproval;
  /** The chair's acknowledgement of thin or adverse evidence behind an approval (issue 13 §5); absent when none was needed. */
  acknowledgement?: StoredAcknowledgement;
}

/** What the chair acknowledged approving against (each a sentence) and why the board approved anyway. */
export interface StoredAcknowledgement {
  concerns: string[];
  reason: string;
}

/** A vote; the reason and the dissent are absent when not given, so older images stay as logged. */
export interface StoredVote {
  attendeeId: string;
  vote: VoteChoice;
  reason?: string;
  dissent?: true;
}

export type StoredApproval =
  | { basis: 'vote'; votes: { attendeeId: string; vote: VoteChoice; reason?: string }[] }
  | { basis: 'signoff'; chair: string; secretary: string };

interface DecisionRow {
  id: string;
  session_id: string;
  item_id: string;
  kind: 'original' | 'amendment';
  outcome: Outcome;
  rationale: string;
  blocking_dimension: string | null;
  blocking_finding: number | null;
  heat: number | null;
  tier: Tier | null;
  decision_date: string;
  decided_at: string;
  decided_by: string;
}

interface StatusColumns {
  status: RecordedStatus;
  status_note: string | null;
  status_at: string | null;
  status_by: string | null;
}

function statusOf(r: StatusColumns) {
  return { status: r.status, statusNote: r.status_note, statusAt: r.status_at, statusBy: r.status_by };
}

/** The ids a batch of decisions is read for, as one bound JSON array. */
const IN_IDS = 'IN (SELECT value FROM json_each(?))';

/** A part table's rows for the decisions of `ids` (a JSON array), grouped by decision in the order read. */
function partsOf<T extends { decision_id: string }>(db: ReadDb, sql: string, ids: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of statement(db, sql).all(ids) as T[]) {
    const list = out.get(row.decision_id);
    if (list) list.push(row);
    else out.set(row.decision_id, [row]);
  }
  return out;
}

type VoteRow = { decision_id: string; attendee_id: string; vote: VoteChoice; reason?: string; dissent?: number };
type ConditionRow = StatusColumns & { decision_id: string; id: string; position: number; text: string; owner: string; due: string; rule?: string | null };
type MitigationRow = StatusColumns & { decision_id: string; id: string; position: number; action: string; owner: string; due: string; success_criteria: string };
type AcceptanceRow = { decision_id: string; id: string; position: number; risk: string; approver: string; compensating_controls: string; expiry: string };

/**
 * Decisions with all their parts, read for the whole batch at once: seven statements for any
 * number of decisions, where a statement per part per decision made the registers, the KPIs
 * and a packet's record (which read every decision in force five times) slow on a large cycle.
 */
function hydrateAll(db: ReadDb, rows: readonly DecisionRow[]): StoredDecision[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const amendments = partsOf<{ decision_id: string; amends: string; reason: string; amended_at: string; amended_by: string }>(
    db,
    `SELECT decision_id, amends, reason, amended_at, amended_by FROM amendments WHERE decision_id ${IN_IDS}`,
    ids,
  );
  // v.* rather than naming reason and dissent: a workspace opened read-only is not upgraded.
  const votes = partsOf<VoteRow>(db, `SELECT v.* FROM votes v JOIN attendees a ON a.id = v.attendee_id WHERE v.decision_id ${IN_IDS} ORDER BY v.decision_id, a.position, a.id`, ids);
  const conditions = partsOf<ConditionRow>(db, `SELECT * FROM conditions WHERE decision_id ${IN_IDS} ORDER BY decision_id, position`, ids);
  const mitigations = partsOf<MitigationRow>(db, `SELECT * FROM mitigations WHERE decision_id ${IN_IDS} ORDER BY decision_id, position`, ids);
  const acceptances = partsOf<AcceptanceRow>(db, `SELECT * FROM acceptances WHERE decision_id ${IN_IDS} ORDER BY decision_id, position`, ids);
  // A workspace opened read-only may predate these tables.
  const evidence = tableExists(db, 'decision_evidence')
    ? partsOf<{ decision_id: string; tier: 'incomplete' | null; acknowledgement: string | null }>(db, `SELECT decision_id, tier, acknowledgement FROM decision_evidence WHERE decision_id ${IN_IDS}`, ids)
    : null;
  const approvals = tableExists(db, 'amendment_approvals')
    ? partsOf<{ decision_id: string; basis: 'vote' | 'signoff'; detail: string }>(db, `SELECT decision_id, basis, detail FROM amendment_approvals WHERE decision_id ${IN_IDS}`, ids)
    : null;
  return rows.map((r) => {
    const amendment = amendments.get(r.id)?.[0];
    const approvalRow = amendment ? approvals?.get(r.id)?.[0] : undefined;
    const approval = approvalRow ? ({ basis: approvalRow.basis, ...JSON.parse(approvalRow.detail) } as StoredApproval) : undefined;
    const ev = evidence?.get(r.id)?.[0];
    return {
      id: r.id,
      sessionId: r.session_id,
      itemId: r.item_id,
      kind: r.kind,
      outcome: r.outcome,
      rationale: r.rationale,
      blockingRisk: r.blocking_dimension !== null ? { dimension: r.blocking_dimension } : r.blocking_finding !== null ? { findingId: r.blocking_finding } : null,
      heat: r.heat,
      tier: ev?.tier ?? r.tier,
      decisionDate: r.decision_date,
      decidedAt: r.decided_at,
      decidedBy: r.decided_by,
      amends: amendment ? { decisionId: amendment.amends, reason: amendment.reason, amendedAt: amendment.amended_at, amendedBy: amendment.amended_by } : null,
      votes: (votes.get(r.id) ?? []).map((v) => ({
        attendeeId: v.attendee_id,
        vote: v.vote,
        ...(v.reason ? { reason: v.reason } : {}),
        ...(v.dissent === 1 ? { dissent: true as const } : {}),
      })),
      conditions: (conditions.get(r.id) ?? []).map((c) => ({
        id: c.id,
        position: c.position,
        text: c.text,
        owner: c.owner,
        due: c.due,
        ...statusOf(c),
        // Absent rather than null: decisions recorded before rules existed keep their audited image.
        ...(c.rule ? { rule: c.rule } : {}),
      })),
      mitigations: (mitigations.get(r.id) ?? []).map((m) => ({ id: m.id, position: m.position, action: m.action, owner: m.owner, due: m.due, successCriteria: m.success_criteria, ...statusOf(m) })),
      acceptances: (acceptances.get(r.id) ?? []).map((a) => ({ id: a.id, position: a.position, risk: a.risk, approver: a.approver, compensatingControls: a.compensating_controls, expiry: a.expiry })),
      ...(approval ? { approval } : {}),
      ...(ev?.acknowledgement ? { acknowledgement: JSON.parse(ev.acknowledgement) as StoredAcknowledgement } : {}),
    };
  });
}

function writeEvidence(db: WriteDb, d: StoredDecision): void {
  statement(db, 'DELETE FROM decision_evidence WHERE decision_id = ?').run(d.id);
  if (d.tier !== 'incomplete' && !d.acknowledgement) return;
  statement(db, 'INSERT INTO decision_evidence (decision_id, tier, acknowledgement) VALUES (?, ?, ?)').run(
    d.id,
    d.tier === 'incomplete' ? 'incomplete' : null,
    d.acknowledgement ? JSON.stringify(d.acknowledgement) : null,
  );
}

export function getDecision(db: ReadDb, id: string): StoredDecision | undefined {
  const row = statement(db, 'SELECT * FROM decisions WHERE id = ?').get(id) as DecisionRow | undefined;
  return row ? hydrateAll(db, [row])[0] : undefined;
}

/** A session's decisions, originals and amendments, in the order they were recorded. */
export function decisionsOfSession(db: ReadDb, sessionId: string): StoredDecision[] {
  const rows = statement(db, "SELECT * FROM decisions WHERE session_id = ? ORDER BY decided_at, kind = 'amendment', id").all(sessionId) as DecisionRow[];
  return hydrateAll(db, rows);
}

/** The decision in force on an item: the newest amendment, else the original. */
export function latestDecisionOfItem(db: ReadDb, itemId: string): StoredDecision | undefined {
  const row = statement(db, 'SELECT * FROM decisions d WHERE item_id = ? AND NOT EXISTS (SELECT 1 FROM amendments a WHERE a.amends = d.id)')
    .get(itemId) as DecisionRow | undefined;
  return row ? hydrateAll(db, [row])[0] : undefined;
}

function insertParts(db: WriteDb, d: StoredDecision): void {
  const vote = statement(db, 'INSERT INTO votes (decision_id, session_id, attendee_id, vote, reason, dissent) VALUES (?, ?, ?, ?, ?, ?)');
  for (const v of d.votes) vote.run(d.id, d.sessionId, v.attendeeId, v.vote, v.reason ?? '', v.dissent ? 1 : 0);
  const condition = statement(
    db,
    'INSERT INTO conditions (id, decision_id, position, text, owner, due, status, status_note, status_at, status_by, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of d.conditions) condition.run(c.id, d.id, c.position, c.text, c.owner, c.due, c.status, c.statusNote, c.statusAt, c.statusBy, c.rule ?? null);
  const mitigation = statement(
    db,
    `INSERT INTO mitigations (id, decision_id, position, action, owner, due, success_criteria, status, status_note, status_at, status_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const m of d.mitigations) mitigation.run(m.id, d.id, m.position, m.action, m.owner, m.due, m.successCriteria, m.status, m.statusNote, m.statusAt, m.statusBy);
  const acceptance = statement(db, 'INSERT INTO acceptances (id, decision_id, position, risk, approver, compensating_controls, expiry) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const a of d.acceptances) acceptance.run(a.id, d.id, a.position, a.risk, a.approver, a.compensatingControls, a.expiry);
}

function decisionParams(d: StoredDecision) {
  return {
    id: d.id,
    session_id: d.sessionId,
    item_id: d.itemId,
    kind: d.kind,
    outcome: d.outcome,
    rationale: d.rationale,
    blocking_dimension: d.blockingRisk && 'dimension' in d.blockingRisk ? d.blockingRisk.dimension : null,
    blocking_finding: d.blockingRisk && 'findingId' in d.blockingRisk ? d.blockingRisk.findingId : null,
    heat: d.heat,
    // The column predates "incomplete"; decision_evidence names it (migration 009).
    tier: d.tier === 'incomplete' ? null : d.tier,
    decision_date: d.decisionDate,
    decided_at: d.decidedAt,
    decided_by: d.decidedBy,
  };
}

/**
 * Writes a new decision with all its parts. For an amendment the `amendments` row goes
 * last: from then on the triggers lock it like any decision of a closed session.
 */
export function insertDecision(db: WriteDb, d: StoredDecision): void {
  statement(
    db,
    `INSERT INTO decisions (id, session_id, item_id, kind, outcome, rationale, blocking_dimension, blocking_finding, heat, tier, decision_date, decided_at, decided_by)
     VALUES (@id, @session_id, @item_id, @kind, @outcome, @rationale, @blocking_dimension, @blocking_finding, @heat, @tier, @decision_date, @decided_at, @decided_by)`,
  ).run(decisionParams(d));
  insertParts(db, d);
  writeEvidence(db, d);
  if (d.amends) {
    statement(db, 'INSERT INTO amendments (decision_id, amends, reason, amended_at, amended_by) VALUES (?, ?, ?, ?, ?)').run(
      d.id,
      d.amends.decisionId,
      d.amends.reason,
      d.amends.amendedAt,
      d.amends.amendedBy,
    );
    if (d.approval) {
      const { basis, ...detail } = d.approval;
      statement(db, 'INSERT INTO amendment_approvals (decision_id, basis, detail) VALUES (?, ?, ?)').run(d.id, basis, JSON.stringify(detail));
    }
  }
}

/** Replaces a decision of an open session (the chair recording it again) in place. */
export function replaceDecision(db: WriteDb, d: StoredDecision): void {
  for (const table of ['votes', 'conditions', 'mitigations', 'acceptances']) statement(db, `DELETE FROM ${table} WHERE decision_id = ?`).run(d.id);
  statement(
    db,
    `UPDATE decisions SET outcome = @outcome, rationale = @rationale, blocking_dimension = @blocking_dimension, blocking_finding = @blocking_finding,
       heat = @heat, tier = @tier, decision_date = @decision_date, decided_at = @decided_at, decided_by = @decided_by
     WHERE id = @id`,
  ).run(decisionParams(d));
  insertParts(db, d);
  writeEvidence(db, d);
}

/** Which decision a condition or mitigation belongs to. */
export function actionOwner(db: ReadDb, kind: 'condition' | 'mitigation', id: string): { decisionId: string } | undefined {
  const table = kind === 'condition' ? 'conditions' : 'mitigations';
  const row = statement(db, `SELECT decision_id FROM ${table} WHERE id = ?`).get(id) as { decision_id: string } | undefined;
  return row ? { decisionId: row.decision_id } : undefined;
}

/** The follow-up after a meeting: the one write the triggers allow on a closed session's decision. */
export function setActionStatus(
  db: WriteDb,
  kind: 'condition' | 'mitigation',
  id: string,
  s: { status: RecordedStatus; note: string | null; at: string; by: string },
): void {
  const table = kind === 'condition' ? 'conditions' : 'mitigations';
  statement(db, `UPDATE ${table} SET status = ?, status_note = ?, status_at = ?, status_by = ? WHERE id = ?`).run(s.status, s.note, s.at, s.by, id);
}

export interface DecisionInContext {
  decision: StoredDecision;
  sessionNumber: number;
  sessionDate: string;
  sessionTitle: string;
  modelId: string;
  modelName: string;
  modelOwner: string;
}

/**
 * Every decision in force across the cycle: originals not amended and the newest
 * amendment of each amended one, with the session and model they belong to, oldest first.
 */
export function decisionsInForce(db: ReadDb): DecisionInContext[] {
  if (!hasSessionTables(db)) return [];
  const rows = statement(
    db,
      `SELECT d.*, s.number AS s_number, s.date AS s_date, s.title AS s_title, m.id AS m_id, m.name AS m_name, m.owner AS m_owner
       FROM decisions d
       JOIN sessions s ON s.id = d.session_id
       JOIN agenda_items i ON i.id = d.item_id
       JOIN models m ON m.id = i.model_id
       WHERE NOT EXISTS (SELECT 1 FROM amendments a WHERE a.amends = d.id)
         AND (d.kind = 'original' OR EXISTS (SELECT 1 FROM amendments a WHERE a.decision_id = d.id))
       ORDER BY s.date, s.number, d.decided_at, d.id`,
    )
    .all() as (DecisionRow & { s_number: number; s_date: string; s_title: string; m_id: string; m_name: string; m_owner: string })[];
  const decisions = hydrateAll(db, rows);
  return rows.map((r, i) => ({
    decision: decisions[i] as StoredDecision,
    sessionNumber: r.s_number,
    sessionDate: r.s_date,
    sessionTitle: r.s_title,
    modelId: r.m_id,
    modelName: r.m_name,
    modelOwner: r.m_owner,
  }));
}

/** Ids of the findings of a model's evidence, any bundle. */
export function findingIdsOfModel(db: ReadDb, modelId: string): Set<number> {
  return new Set(statement(db, 'SELECT id FROM findings WHERE model_id = ?').pluck().all(modelId) as number[]);
}

export type FindingCounts = { critical: number; high: number; medium: number; low: number; info: number };

/** Findings of each model's latest bundle, by severity. */
export function latestFindingCounts(db: ReadDb): Map<string, FindingCounts> {
  const rows = statement(
    db,
      `SELECT b.model_id AS modelId, f.severity, count(*) AS n
       FROM bundles b JOIN findings f ON f.bundle_sha256 = b.sha256
       WHERE b.sha256 = (SELECT b2.sha256 FROM bundles b2 WHERE b2.model_id = b.model_id ORDER BY b2.imported_at DESC, b2.sha256 LIMIT 1)
       GROUP BY b.model_id, f.severity`,
    )
    .all() as { modelId: string; severity: keyof FindingCounts; n: number }[];
  const out = new Map<string, FindingCounts>();
  for (const r of rows) {
    const counts = out.get(r.modelId) ?? { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    counts[r.severity] = r.n;
    out.set(r.modelId, counts);
  }
  return out;
}

/** What the audit log records of a decision: the row and all its parts. */
export function decisionImage(stored: StoredDecision): Json {
  const { approval, acknowledgement, ...d } = stored;
  return {
    ...d,
    blockingRisk: d.blockingRisk ? { ...d.blockingRisk } : null,
    amends: d.amends ? { ...d.amends } : null,
    votes: d.votes.map((v) => ({ ...v })),
    conditions: d.conditions.map((c) => ({ ...c })),
    mitigations: d.mitigations.map((m) => ({ ...m })),
    acceptances: d.acceptances.map((a) => ({ ...a })),
    ...(approval ? { approval: JSON.parse(JSON.stringify(approval)) as Json } : {}),
    ...(acknowledgement ? { acknowledgement: { concerns: [...acknowledgement.concerns], reason: acknowledgement.reason } } : {}),
  };
}

export function allDecisionImages(db: ReadDb): Map<string, Json> {
  if (!hasSessionTables(db)) return new Map();
  const rows = statement(db, 'SELECT * FROM decisions').all() as DecisionRow[];
  const decisions = hydrateAll(db, rows);
  return new Map(decisions.map((d) => [d.id, decisionImage(d)]));
}
