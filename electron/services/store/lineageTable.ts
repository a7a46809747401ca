import type { HistoryEntry, Predecessor, PriorScore } from '../../../shared/cycles/lineage';
import type { Json } from './auditChain';
import { statement } from './statementCache';
import { SCORE_COLUMNS, scoreFieldsImage, scoreFieldsOf, type RawScoreFields } from './scoreTable';
import type { ReadDb, WriteDb } from './handles';
import { tableExists } from './tableExists';
import type { Imaged, RecordImages } from './recordImages';

/**
 * What a cycle knows of the cycles before it (issue 11): the predecessor and its audit
 * head, each model's standing at the end of every earlier cycle, and the prior scores.
 * Written once, at the hand-over; none of it changes afterwards.
 */

export function hasCycleTables(db: ReadDb): boolean {
  return tableExists(db, 'lineage');
}

interface LineageRow {
  predecessor_id: string;
  predecessor_name: string;
  predecessor_file: string;
  predecessor_period_end: string | null;
  head: string;
  head_seq: number;
  carried_at: string;
}

export function readPredecessor(db: ReadDb): Predecessor | null {
  if (!hasCycleTables(db)) return null;
  const r = statement(db, 'SELECT * FROM lineage WHERE id = 1').get() as LineageRow | undefined;
  return r
    ? { cycleId: r.predecessor_id, name: r.predecessor_name, file: r.predecessor_file, periodEnd: r.predecessor_period_end, head: r.head, headSeq: r.head_seq, carriedAt: r.carried_at }
    : null;
}

export function insertPredecessor(db: WriteDb, p: Predecessor): void {
  statement(db, 
    'INSERT INTO lineage (id, predecessor_id, predecessor_name, predecessor_file, predecessor_period_end, head, head_seq, carried_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
  ).run(p.cycleId, p.name, p.file, p.periodEnd, p.head, p.headSeq, p.carriedAt);
}

export function predecessorImage(p: Predecessor): Json {
  return { ...p };
}

export function allLineageImages(db: ReadDb): Map<string, Json> {
  const p = readPredecessor(db);
  return new Map(p ? [[p.cycleId, predecessorImage(p)]] : []);
}

/** A model's row of one earlier cycle, as stored. */
export interface StoredHistory {
  cycleId: string;
  cycleName: string;
  periodEnd: string | null;
  position: number;
  tier: HistoryEntry['tier'];
  heat: number | null;
  outcome: HistoryEntry['outcome'];
  decisionId: string | null;
  decisionDate: string | null;
  modelVersion: string | null;
  predictionsSha256: string | null;
}

/** A model_history row as an array (faster to build than an object: the due list reads every model's rows), in ALL_HISTORY's order. */
type HistoryRow = [modelId: string, ...rest: unknown[]];
const ALL_HISTORY = `SELECT model_id, cycle_id, cycle_name, period_end, position, tier, heat, outcome, decision_id, decision_date, model_version, predictions_sha256
  FROM model_history ORDER BY model_id, position`;

function toHistory([, cycleId, cycleName, periodEnd, position, tier, heat, outcome, decisionId, decisionDate, modelVersion, predictionsSha256]: HistoryRow): StoredHistory {
  return { cycleId, cycleName, periodEnd, position, tier, heat, outcome, decisionId, decisionDate, modelVersion, predictionsSha256 } as StoredHistory;
}

/** Every model's earlier cycles, oldest first. */
export function allHistory(db: ReadDb): Map<string, StoredHistory[]> {
  const out = new Map<string, StoredHistory[]>();
  if (!hasCycleTables(db)) return out;
  for (const row of statement(db, ALL_HISTORY).raw().all() as HistoryRow[]) {
    const list = out.get(row[0]);
    if (list) list.push(toHistory(row));
    else out.set(row[0], [toHistory(row)]);
  }
  return out;
}

/** A prior score row as an array: the score's columns, then its cycle's. */
type RawPriorRow = [...RawScoreFields, cycleId: string, cycleName: string];

function toPrior(r: RawPriorRow): PriorScore {
  const s: Omit<PriorScore, 'cycleId' | 'cycleName'> & Partial<Pick<PriorScore, 'cycleId' | 'cycleName'>> = scoreFieldsOf(r);
  s.cycleId = r[10];
  s.cycleName = r[11];
  return s as PriorScore;
}

/** Every prior score, or a model's; read as arrays and made into scores in one step, as listScores does. */
export function listPriorScores(db: ReadDb, modelId?: string): PriorScore[] {
  if (!hasCycleTables(db)) return [];
  const columns = `${SCORE_COLUMNS}, cycle_id, cycle_name`;
  const rows = (
    modelId === undefined
      ? statement(db, `SELECT ${columns} FROM prior_scores ORDER BY model_id, dimension`).raw().all()
      : statement(db, `SELECT ${columns} FROM prior_scores WHERE model_id = ? ORDER BY dimension`).raw().all(modelId)
  ) as RawPriorRow[];
  return rows.map(toPrior);
}

export function countPriorScores(db: ReadDb): number {
  if (!hasCycleTables(db)) return 0;
  return statement(db, 'SELECT count(*) FROM prior_scores').pluck().get() as number;
}

/** Writes a model's history and prior scores; the pair is one audited entity per model. */
export function insertHistory(db: WriteDb, modelId: string, history: readonly StoredHistory[], prior: readonly PriorScore[]): void {
  const h = statement(db, 
    `INSERT INTO model_history (model_id, cycle_id, cycle_name, period_end, position, tier, heat, outcome, decision_id, decision_date, model_version, predictions_sha256)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of history) h.run(modelId, e.cycleId, e.cycleName, e.periodEnd, e.position, e.tier, e.heat, e.outcome, e.decisionId, e.decisionDate, e.modelVersion, e.predictionsSha256);
  const p = statement(db, 
    `INSERT INTO prior_scores (model_id, dimension, value, lo, hi, source, rationale, taxonomy_version, scored_by, scored_at, cycle_id, cycle_name)
     VALUES (@modelId, @dimension, @value, @lo, @hi, @source, @rationale, @taxonomyVersion, @scoredBy, @scoredAt, @cycleId, @cycleName)`,
  );
  for (const s of prior) p.run(s);
}

export function historyImage(history: readonly StoredHistory[], prior: readonly PriorScore[]): Json {
  return { history: history.map(historyEntryImage), priorScores: prior.map(priorScoreImage) };
}

function historyEntryImage(e: StoredHistory): Imaged<StoredHistory> {
  return {
    cycleId: e.cycleId,
    cycleName: e.cycleName,
    decisionDate: e.decisionDate,
    decisionId: e.decisionId,
    heat: e.heat,
    modelVersion: e.modelVersion,
    outcome: e.outcome,
    periodEnd: e.periodEnd,
    position: e.position,
    predictionsSha256: e.predictionsSha256,
    tier: e.tier,
  };
}

function priorScoreImage(s: PriorScore): Imaged<PriorScore> {
  // A prior score has no evidence: its undefined member is left out of the text.
  return { cycleId: s.cycleId, cycleName: s.cycleName, ...scoreFieldsImage(s, null) };
}

export function allHistoryImages(db: ReadDb): RecordImages {
  if (!hasCycleTables(db)) return [];
  const prior = new Map<string, PriorScore[]>();
  for (const s of listPriorScores(db)) {
    const mine = prior.get(s.modelId);
    if (mine) mine.push(s);
    else prior.set(s.modelId, [s]);
  }
  return historyImagesOf(statement(db, ALL_HISTORY).raw().iterate() as IterableIterator<HistoryRow>, prior);
}

/**
 * Each model's image as its history rows are read (ORDER BY model_id keeps a model's rows
 * together), then those of models with prior scores and no history; `prior` is used up.
 */
function* historyImagesOf(rows: Iterable<HistoryRow>, prior: Map<string, PriorScore[]>): Generator<[string, Json]> {
  const image = (id: string, history: StoredHistory[]): [string, Json] => {
    const scores = prior.get(id) ?? [];
    prior.delete(id);
    return [id, historyImage(history, scores)];
  };
  let modelId: string | null = null;
  let history: StoredHistory[] = [];
  for (const row of rows) {
    if (row[0] !== modelId) {
      if (modelId !== null) yield image(modelId, history);
      modelId = row[0];
      history = [];
    }
    history.push(toHistory(row));
  }
  if (modelId !== null) yield image(modelId, history);
  // Deleting the entry just visited leaves a Map's iteration whole.
  for (const id of prior.keys()) yield image(id, []);
}
