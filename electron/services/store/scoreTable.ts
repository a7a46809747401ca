import type { Score, ScoreEvidence } from '../../../shared/contract/calls';
import type { Json } from './auditChain';
import type { ReadDb, WriteDb } from './handles';

export interface ScoreRow {
  model_id: string;
  dimension: string;
  value: number;
  lo: number;
  hi: number;
  source: 'analyst' | 'rule';
  rationale: string;
  taxonomy_version: number;
  scored_by: string;
  scored_at: string;
  evidence: string | null;
}

/** The columns a score and a prior score share, as the contract names them. */
export function scoreFieldsOf(r: Omit<ScoreRow, 'evidence'>): Omit<Score, 'evidence'> {
  return {
    modelId: r.model_id,
    dimension: r.dimension,
    value: r.value,
    lo: r.lo,
    hi: r.hi,
    source: r.source,
    rationale: r.rationale,
    taxonomyVersion: r.taxonomy_version,
    scoredBy: r.scored_by,
    scoredAt: r.scored_at,
  };
}

function toScore(r: ScoreRow): Score {
  return { ...scoreFieldsOf(r), evidence: r.evidence === null ? null : (JSON.parse(r.evidence) as ScoreEvidence) };
}

export function listScores(db: ReadDb, modelId?: string): Score[] {
  const rows = (
    modelId === undefined
      ? db.prepare('SELECT * FROM scores ORDER BY model_id, dimension').all()
      : db.prepare('SELECT * FROM scores WHERE model_id = ? ORDER BY dimension').all(modelId)
  ) as ScoreRow[];
  return rows.map(toScore);
}

export function getScore(db: ReadDb, modelId: string, dimension: string): Score | undefined {
  const row = db.prepare('SELECT * FROM scores WHERE model_id = ? AND dimension = ?').get(modelId, dimension) as ScoreRow | undefined;
  return row ? toScore(row) : undefined;
}

export function putScore(db: WriteDb, s: Score): void {
  db.prepare(
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
  const { evidence, ...rest } = s;
  return evidence === null ? { ...rest } : { ...rest, evidence: { ...evidence } };
}

/** A score back from its audit image (the time control replays these). */
export function scoreFromImage(image: Json): Score {
  const s = image as unknown as Omit<Score, 'evidence'> & { evidence?: ScoreEvidence };
  return { ...s, evidence: s.evidence ?? null };
}

export function allScoreImages(db: ReadDb): Map<string, Json> {
  return new Map(listScores(db).map((s) => [scoreEntityId(s.modelId, s.dimension), scoreImage(s)]));
}

export function countScoresByTaxonomyVersion(db: ReadDb): Map<number, number> {
  const rows = db.prepare('SELECT taxonomy_version AS v, count(*) AS n FROM scores GROUP BY taxonomy_version').all() as { v: number; n: number }[];
  return new Map(rows.map((r) => [r.v, r.n]));
}
