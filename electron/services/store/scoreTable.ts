import type { Score, ScoreEvidence } from '../../../shared/contract/calls';
import type { DimensionScore } from '../../../shared/scoring/score';
import type { Json } from './auditChain';
import type { ReadDb, WriteDb } from './handles';
import { statement } from './statementCache';
import { imagesOfRows, type Imaged, type RecordImages } from './recordImages';

/** The columns a score and a prior score share, as a raw row holds them in SCORE_COLUMNS order. */
export type RawScoreFields = [string, string, number, number, number, Score['source'], string, number, string, string];
/** A score row as an array, in scoreColumns order. */
type RawScoreRow = [...RawScoreFields, string | null];
export const SCORE_COLUMNS = 'model_id, dimension, value, lo, hi, source, rationale, taxonomy_version, scored_by, scored_at';

/**
 * SCORE_COLUMNS and the evidence, which a workspace of schema 3 (read without upgrading it) has
 * not got yet. Asked on every read, as the connection may have upgraded the file since; the
 * statements are the connection's kept ones, so the question costs a lookup, not a compile.
 */
function scoreColumns(db: ReadDb): string {
  const evidence = statement(db, "SELECT count(*) FROM pragma_table_info('scores') WHERE name = 'evidence'").pluck().get() as number;
  return `${SCORE_COLUMNS}, ${evidence > 0 ? 'evidence' : 'NULL AS evidence'}`;
}

/** The fields a score and a prior score share, from a raw row's first ten columns. */
export function scoreFieldsOf(r: readonly [...RawScoreFields, ...unknown[]]): Omit<Score, 'evidence'> {
  return {
    modelId: r[0],
    dimension: r[1],
    value: r[2],
    lo: r[3],
    hi: r[4],
    source: r[5],
    rationale: r[6],
    taxonomyVersion: r[7],
    scoredBy: r[8],
    scoredAt: r[9],
  };
}

function scoreOf(r: RawScoreRow): Score {
  // Added to the shared fields' object, not copied from it: a spread took three times as long.
  const s: Omit<Score, 'evidence'> & { evidence?: ScoreEvidence | null } = scoreFieldsOf(r);
  s.evidence = r[10] === null ? null : (JSON.parse(r[10]) as ScoreEvidence);
  return s as Score;
}

/**
 * Every score, or a model's. Rows are read as arrays and made into scores in one step: the
 * heatmap and the inventory read all of them (60,000 for 5,000 models), and a row object,
 * then its fields copied to the contract's names, was 40% of the reading.
 */
export function listScores(db: ReadDb, modelId?: string): Score[] {
  const columns = scoreColumns(db);
  const rows = (
    modelId === undefined
      ? statement(db, `SELECT ${columns} FROM scores ORDER BY model_id, dimension`).raw().all()
      : statement(db, `SELECT ${columns} FROM scores WHERE model_id = ? ORDER BY dimension`).raw().all(modelId)
  ) as RawScoreRow[];
  return rows.map(scoreOf);
}

/** A score's numbers: what heat, coverage and tier are worked out from. */
export interface ScoreValues extends DimensionScore {
  modelId: string;
  dimension: string;
}

/** Every score's numbers, without its words (rationale, who, when, evidence): a fifth of the strings to make. */
export function listScoreValues(db: ReadDb): ScoreValues[] {
  const rows = db.prepare('SELECT model_id, dimension, value, lo, hi FROM scores ORDER BY model_id, dimension').raw().all() as [string, string, number, number, number][];
  return rows.map(([modelId, dimension, value, lo, hi]) => ({ modelId, dimension, value, lo, hi }));
}

export function getScore(db: ReadDb, modelId: string, dimension: string): Score | undefined {
  const row = statement(db, `SELECT ${scoreColumns(db)} FROM scores WHERE model_id = ? AND dimension = ?`).raw().get(modelId, dimension) as RawScoreRow | undefined;
  return row ? scoreOf(row) : undefined;
}

export function putScore(db: WriteDb, s: Score): void {
  statement(
    db,
    `INSERT INTO scores (model_id, dimension, value, lo, hi, source, rationale, taxonomy_version, scored_by, scored_at, evidence)
     VALUES (@modelId, @dimension, @value, @lo, @hi, @source, @rationale, @taxonomyVersion, @scoredBy, @scoredAt, @evidence)
     ON CONFLICT (model_id, dimension) DO UPDATE SET value = excluded.value, lo = excluded.lo, hi = excluded.hi, source = excluded.source,
       rationale = excluded.rationale, taxonomy_version = excluded.taxonomy_version, scored_by = excluded.scored_by, scored_at = excluded.scored_at,
       evidence = excluded.evidence`,
  ).run({ ...s, evidence: s.evidence === null ? null : JSON.stringify(s.evidence) });
}

/** Audit entity id of a score: model and dimension. */
export function scoreEntityId(modelId: string, dimension: string): string {
  return `${modelId}/${dimension}`;
}

/**
 * The audit image of a score. Scores recorded before evidence existed (schema 3) were
 * logged without the key, so a score without evidence keeps that image and the chain
 * of an upgraded workspace still verifies.
 */
export function scoreImage(s: Score): Json {
  return scoreFieldsImage(s, s.evidence) as Json;
}

/**
 * A score's fields as its image writes them, in canonical order, with `evidence` in its
 * place; a prior score's image puts its cycle before them (its keys sort first).
 */
export function scoreFieldsImage(s: Omit<Score, 'evidence'>, e: ScoreEvidence | null): Imaged<Omit<Score, 'evidence'>> & { evidence: Imaged<ScoreEvidence> | undefined } {
  return {
    dimension: s.dimension,
    // In its canonical place. JSON leaves out an undefined member, so a score without evidence
    // logs no such key, and neither does evidence without a finding.
    evidence: e === null ? undefined : { bundleSha256: e.bundleSha256, findingId: e.findingId, metric: e.metric, observed: e.observed, rule: e.rule },
    hi: s.hi,
    lo: s.lo,
    modelId: s.modelId,
    rationale: s.rationale,
    scoredAt: s.scoredAt,
    scoredBy: s.scoredBy,
    source: s.source,
    taxonomyVersion: s.taxonomyVersion,
    value: s.value,
  };
}

/** A score back from its audit image (the time control replays these). */
export function scoreFromImage(image: Json): Score {
  const s = image as unknown as Omit<Score, 'evidence'> & { evidence?: ScoreEvidence };
  return { ...s, evidence: s.evidence ?? null };
}

export function allScoreImages(db: ReadDb): RecordImages {
  const rows = statement(db, `SELECT ${scoreColumns(db)} FROM scores ORDER BY model_id, dimension`).raw().iterate() as IterableIterator<RawScoreRow>;
  return imagesOfRows(rows, (row) => [scoreEntityId(row[0], row[1]), scoreImage(scoreOf(row))]);
}

export function countScoresByTaxonomyVersion(db: ReadDb): Map<number, number> {
  const rows = db.prepare('SELECT taxonomy_version AS v, count(*) AS n FROM scores GROUP BY taxonomy_version').all() as { v: number; n: number }[];
  return new Map(rows.map((r) => [r.v, r.n]));
}
