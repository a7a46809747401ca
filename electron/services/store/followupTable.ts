import type { RecordedStatus } from '../../../shared/sessions/session';
import type { Json } from './auditChain';
import { statement } from './statementCache';
import { imagesOfRows, type Imaged, type RecordImages } from './recordImages';
import { hasCycleTables } from './lineageTable';
import type { ReadDb, WriteDb } from './handles';

/**
 * Conditions, mitigations and risk acceptances born in an earlier cycle and still in play:
 * carried forward with the cycle, session and decision they came from, followed up here.
 */
export interface CarriedFollowUp {
  id: string;
  kind: 'condition' | 'mitigation' | 'acceptance';
  modelId: string;
  bornCycleId: string;
  bornCycleName: string;
  decisionId: string;
  sessionId: string;
  sessionNumber: number;
  sessionDate: string;
  /** Condition text, mitigation action, or the accepted risk. */
  text: string;
  /** Owner, or the approver of an acceptance. */
  owner: string;
  /** Due date, or the expiry of an acceptance. */
  due: string;
  /** Success criteria of a mitigation, compensating controls of an acceptance. */
  detail: string | null;
  rule: string | null;
  status: RecordedStatus;
  statusNote: string | null;
  statusAt: string | null;
  statusBy: string | null;
}

/**
 * A stored follow-up as an array, in FOLLOW_UP_COLUMNS order: better-sqlite3 builds an array
 * per row faster than an object, and the hand-over and the audit check read every one.
 */
type Row = [
  id: string,
  kind: CarriedFollowUp['kind'],
  model_id: string,
  born_cycle_id: string,
  born_cycle_name: string,
  decision_id: string,
  session_id: string,
  session_number: number,
  session_date: string,
  text: string,
  owner: string,
  due: string,
  detail: string | null,
  rule: string | null,
  status: RecordedStatus,
  status_note: string | null,
  status_at: string | null,
  status_by: string | null,
];

const FOLLOW_UP_COLUMNS =
  'id, kind, model_id, born_cycle_id, born_cycle_name, decision_id, session_id, session_number, session_date, text, owner, due, detail, rule, status, status_note, status_at, status_by';

function toFollowUp(r: Row): CarriedFollowUp {
  return {
    id: r[0],
    kind: r[1],
    modelId: r[2],
    bornCycleId: r[3],
    bornCycleName: r[4],
    decisionId: r[5],
    sessionId: r[6],
    sessionNumber: r[7],
    sessionDate: r[8],
    text: r[9],
    owner: r[10],
    due: r[11],
    detail: r[12],
    rule: r[13],
    status: r[14],
    statusNote: r[15],
    statusAt: r[16],
    statusBy: r[17],
  };
}

const ALL_CARRIED = `SELECT ${FOLLOW_UP_COLUMNS} FROM carried_followups ORDER BY due, id`;

export function listCarried(db: ReadDb, kind?: CarriedFollowUp['kind']): CarriedFollowUp[] {
  if (!hasCycleTables(db)) return [];
  const rows = (
    kind === undefined
      ? statement(db, ALL_CARRIED).raw().all()
      : statement(db, `SELECT ${FOLLOW_UP_COLUMNS} FROM carried_followups WHERE kind = ? ORDER BY due, id`).raw().all(kind)
  ) as Row[];
  return rows.map(toFollowUp);
}

/** When each carried action (condition or mitigation) marked done was decided and marked: the KPIs' remediation days. */
export function doneCarriedActions(db: ReadDb): { sessionDate: string; statusAt: string }[] {
  if (!hasCycleTables(db)) return [];
  return statement(
    db,
    "SELECT session_date AS sessionDate, status_at AS statusAt FROM carried_followups WHERE kind <> 'acceptance' AND status = 'done' AND status_at IS NOT NULL AND status_at <> ''",
  ).all() as { sessionDate: string; statusAt: string }[];
}

/** How many follow-ups of each kind were carried in, whatever their status (a cycle's lineage counts them). */
export function countCarried(db: ReadDb): Record<CarriedFollowUp['kind'], number> {
  const counts = { condition: 0, mitigation: 0, acceptance: 0 };
  if (!hasCycleTables(db)) return counts;
  for (const [kind, n] of statement(db, 'SELECT kind, count(*) FROM carried_followups GROUP BY kind').raw().all() as [CarriedFollowUp['kind'], number][]) counts[kind] = n;
  return counts;
}

/** What the due list reads of carried follow-ups still in play: open actions and every acceptance, in few columns. */
export function carriedInPlay(db: ReadDb): Pick<CarriedFollowUp, 'id' | 'kind' | 'modelId' | 'text' | 'due'>[] {
  if (!hasCycleTables(db)) return [];
  // Read as arrays (faster to build than objects: a large cycle carries tens of thousands).
  const rows = statement(db, "SELECT id, kind, model_id, text, due FROM carried_followups WHERE kind = 'acceptance' OR status = 'open'").raw().all() as [
    string,
    CarriedFollowUp['kind'],
    string,
    string,
    string,
  ][];
  return rows.map(([id, kind, modelId, text, due]) => ({ id, kind, modelId, text, due }));
}

export function getCarried(db: ReadDb, id: string): CarriedFollowUp | undefined {
  if (!hasCycleTables(db)) return undefined;
  const r = statement(db, `SELECT ${FOLLOW_UP_COLUMNS} FROM carried_followups WHERE id = ?`).raw().get(id) as Row | undefined;
  return r ? toFollowUp(r) : undefined;
}

export function insertCarried(db: WriteDb, f: CarriedFollowUp): void {
  statement(db, 
    `INSERT INTO carried_followups (id, kind, model_id, born_cycle_id, born_cycle_name, decision_id, session_id, session_number, session_date,
       text, owner, due, detail, rule, status, status_note, status_at, status_by)
     VALUES (@id, @kind, @modelId, @bornCycleId, @bornCycleName, @decisionId, @sessionId, @sessionNumber, @sessionDate,
       @text, @owner, @due, @detail, @rule, @status, @statusNote, @statusAt, @statusBy)`,
  ).run(f);
}

export function setCarriedStatus(db: WriteDb, id: string, s: { status: RecordedStatus; note: string | null; at: string; by: string }): void {
  statement(db, 'UPDATE carried_followups SET status = ?, status_note = ?, status_at = ?, status_by = ? WHERE id = ?').run(s.status, s.note, s.at, s.by, id);
}

export function carriedImage(f: CarriedFollowUp): Json {
  const image: Imaged<CarriedFollowUp> = {
    bornCycleId: f.bornCycleId,
    bornCycleName: f.bornCycleName,
    decisionId: f.decisionId,
    detail: f.detail,
    due: f.due,
    id: f.id,
    kind: f.kind,
    modelId: f.modelId,
    owner: f.owner,
    rule: f.rule,
    sessionDate: f.sessionDate,
    sessionId: f.sessionId,
    sessionNumber: f.sessionNumber,
    status: f.status,
    statusAt: f.statusAt,
    statusBy: f.statusBy,
    statusNote: f.statusNote,
    text: f.text,
  };
  return image;
}

export function allCarriedImages(db: ReadDb): RecordImages {
  if (!hasCycleTables(db)) return [];
  return imagesOfRows(statement(db, ALL_CARRIED).raw().iterate() as IterableIterator<Row>, (row) => [row[0], carriedImage(toFollowUp(row))]);
}
