import type { FindingStatus, FindingType, RegisterSeverity } from '../../../shared/cycles/findings';
import type { Json } from './auditChain';
import { statement } from './statementCache';
import { imagesOfRows, type Imaged, type RecordImages } from './recordImages';
import { hasCycleTables } from './lineageTable';
import type { ReadDb, WriteDb } from './handles';

/** A record of the findings register (issue 11), as stored. */
export interface StoredFinding {
  id: string;
  key: string;
  type: FindingType;
  severity: RegisterSeverity;
  category: string;
  title: string;
  modelId: string;
  bundleSha256: string | null;
  decisionId: string | null;
  conditionId: string | null;
  owner: string;
  due: string | null;
  status: FindingStatus;
  statusNote: string | null;
  acceptanceId: string | null;
  openedOn: string;
  closedOn: string | null;
  bornCycleId: string;
  bornCycleName: string;
  raisedBy: string;
  updatedAt: string;
}

interface Row {
  id: string;
  key: string;
  type: FindingType;
  severity: RegisterSeverity;
  category: string;
  title: string;
  model_id: string;
  bundle_sha256: string | null;
  decision_id: string | null;
  condition_id: string | null;
  owner: string;
  due: string | null;
  status: FindingStatus;
  status_note: string | null;
  acceptance_id: string | null;
  opened_on: string;
  closed_on: string | null;
  born_cycle_id: string;
  born_cycle_name: string;
  raised_by: string;
  updated_at: string;
}

function toFinding(r: Row): StoredFinding {
  return {
    id: r.id,
    key: r.key,
    type: r.type,
    severity: r.severity,
    category: r.category,
    title: r.title,
    modelId: r.model_id,
    bundleSha256: r.bundle_sha256,
    decisionId: r.decision_id,
    conditionId: r.condition_id,
    owner: r.owner,
    due: r.due,
    status: r.status,
    statusNote: r.status_note,
    acceptanceId: r.acceptance_id,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    bornCycleId: r.born_cycle_id,
    bornCycleName: r.born_cycle_name,
    raisedBy: r.raised_by,
    updatedAt: r.updated_at,
  };
}

const ALL_FINDINGS = 'SELECT * FROM register_findings ORDER BY opened_on, id';

export function listRegisterFindings(db: ReadDb): StoredFinding[] {
  if (!hasCycleTables(db)) return [];
  return (statement(db, ALL_FINDINGS).all() as Row[]).map(toFinding);
}

/** When each closed register finding was opened and closed: the KPIs' remediation days. */
export function closedFindingDates(db: ReadDb): { openedOn: string; closedOn: string }[] {
  if (!hasCycleTables(db)) return [];
  return statement(db, 'SELECT opened_on AS openedOn, closed_on AS closedOn FROM register_findings WHERE closed_on IS NOT NULL').all() as { openedOn: string; closedOn: string }[];
}

/** How many register findings were born in another cycle than `cycleId` (all of them without one): those carried in. */
export function countFindingsBornElsewhere(db: ReadDb, cycleId: string | undefined): number {
  if (!hasCycleTables(db)) return 0;
  if (cycleId === undefined) return statement(db, 'SELECT count(*) FROM register_findings').pluck().get() as number;
  return statement(db, 'SELECT count(*) FROM register_findings WHERE born_cycle_id IS NOT ?').pluck().get(cycleId) as number;
}

/** The open high and critical findings, in few columns, for the due list. */
export function openSevereFindings(db: ReadDb): { modelId: string; severity: 'high' | 'critical'; title: string; openedOn: string }[] {
  if (!hasCycleTables(db)) return [];
  return statement(
    db,
    "SELECT model_id AS modelId, severity, title, opened_on AS openedOn FROM register_findings WHERE severity IN ('high', 'critical') AND status IN ('open', 'in_remediation')",
  ).all() as { modelId: string; severity: 'high' | 'critical'; title: string; openedOn: string }[];
}

/** Severity, opening day and due date of every open finding, for the posture's aging. */
export function openFindingDates(db: ReadDb): { severity: RegisterSeverity; openedOn: string; due: string | null }[] {
  if (!hasCycleTables(db)) return [];
  return statement(db, "SELECT severity, opened_on AS openedOn, due FROM register_findings WHERE status IN ('open', 'in_remediation')").all() as {
    severity: RegisterSeverity;
    openedOn: string;
    due: string | null;
  }[];
}

export function getRegisterFinding(db: ReadDb, id: string): StoredFinding | undefined {
  if (!hasCycleTables(db)) return undefined;
  const r = statement(db, 'SELECT * FROM register_findings WHERE id = ?').get(id) as Row | undefined;
  return r ? toFinding(r) : undefined;
}

/** Keys of the findings not yet closed or covered: an import does not register these again. */
export function liveFindingKeys(db: ReadDb, modelId: string): Set<string> {
  return new Set(
    statement(db, "SELECT key FROM register_findings WHERE model_id = ? AND status IN ('open', 'in_remediation')").pluck().all(modelId) as string[],
  );
}

const COLUMNS = `id, key, type, severity, category, title, model_id, bundle_sha256, decision_id, condition_id, owner, due, status, status_note,
  acceptance_id, opened_on, closed_on, born_cycle_id, born_cycle_name, raised_by, updated_at`;
const VALUES = `@id, @key, @type, @severity, @category, @title, @modelId, @bundleSha256, @decisionId, @conditionId, @owner, @due, @status, @statusNote,
  @acceptanceId, @openedOn, @closedOn, @bornCycleId, @bornCycleName, @raisedBy, @updatedAt`;

export function insertRegisterFinding(db: WriteDb, f: StoredFinding): void {
  statement(db, `INSERT INTO register_findings (${COLUMNS}) VALUES (${VALUES})`).run(f);
}

export function updateRegisterFinding(db: WriteDb, f: StoredFinding): void {
  statement(db, 
    `UPDATE register_findings SET severity = @severity, owner = @owner, due = @due, status = @status, status_note = @statusNote,
       acceptance_id = @acceptanceId, closed_on = @closedOn, updated_at = @updatedAt WHERE id = @id`,
  ).run(f);
}

export function findingImage(f: StoredFinding): Json {
  const image: Imaged<StoredFinding> = {
    acceptanceId: f.acceptanceId,
    bornCycleId: f.bornCycleId,
    bornCycleName: f.bornCycleName,
    bundleSha256: f.bundleSha256,
    category: f.category,
    closedOn: f.closedOn,
    conditionId: f.conditionId,
    decisionId: f.decisionId,
    due: f.due,
    id: f.id,
    key: f.key,
    modelId: f.modelId,
    openedOn: f.openedOn,
    owner: f.owner,
    raisedBy: f.raisedBy,
    severity: f.severity,
    status: f.status,
    statusNote: f.statusNote,
    title: f.title,
    type: f.type,
    updatedAt: f.updatedAt,
  };
  return image;
}

export function allFindingImages(db: ReadDb): RecordImages {
  if (!hasCycleTables(db)) return [];
  return imagesOfRows(statement(db, ALL_FINDINGS).iterate() as IterableIterator<Row>, (row) => [row.id, findingImage(toFinding(row))]);
}

/** A condition rule's evaluation against one bundle. */
export interface RuleCheck {
  conditionId: string;
  bundleSha256: string;
  rule: string;
  observed: number | null;
  verdict: 'met' | 'not_met' | 'not_measured';
  findingId: string | null;
  checkedAt: string;
}

export function insertRuleCheck(db: WriteDb, c: RuleCheck): void {
  statement(db, 
    'INSERT INTO rule_checks (condition_id, bundle_sha256, rule, observed, verdict, finding_id, checked_at) VALUES (@conditionId, @bundleSha256, @rule, @observed, @verdict, @findingId, @checkedAt)',
  ).run(c);
}

export function listRuleChecks(db: ReadDb, conditionId?: string): RuleCheck[] {
  if (!hasCycleTables(db)) return [];
  const rows = (
    conditionId === undefined
      ? statement(db, 'SELECT * FROM rule_checks ORDER BY checked_at, condition_id').all()
      : statement(db, 'SELECT * FROM rule_checks WHERE condition_id = ? ORDER BY checked_at').all(conditionId)
  ) as { condition_id: string; bundle_sha256: string; rule: string; observed: number | null; verdict: RuleCheck['verdict']; finding_id: string | null; checked_at: string }[];
  return rows.map((r) => ({ conditionId: r.condition_id, bundleSha256: r.bundle_sha256, rule: r.rule, observed: r.observed, verdict: r.verdict, findingId: r.finding_id, checkedAt: r.checked_at }));
}

export function ruleCheckId(c: Pick<RuleCheck, 'conditionId' | 'bundleSha256'>): string {
  return `${c.conditionId}/${c.bundleSha256}`;
}

export function ruleCheckImage(c: RuleCheck): Json {
  const image: Imaged<RuleCheck> = {
    bundleSha256: c.bundleSha256,
    checkedAt: c.checkedAt,
    conditionId: c.conditionId,
    findingId: c.findingId,
    observed: c.observed,
    rule: c.rule,
    verdict: c.verdict,
  };
  return image;
}

export function allRuleCheckImages(db: ReadDb): Map<string, Json> {
  return new Map(listRuleChecks(db).map((c) => [ruleCheckId(c), ruleCheckImage(c)]));
}
