import type Database from 'better-sqlite3';
import type { Score } from '../../../shared/contract/calls';
import type { Json } from './auditChain';

interface ScoreRow {
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
}

function toScore(r: ScoreRow): Score {
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

export function listScores(db: Database.Database, modelId?: string): Score[] {
  const rows = (
    modelId === undefined
      ? db.prepare('SELECT * FROM scores ORDER BY model_id, dimension').all()
      : db.prepare('SELECT * FROM scores WHERE model_id = ? ORDER BY dimension').all(modelId)
  ) as ScoreRow[];
  return rows.map(toScore);
}

export function getScore(db: Database.Database, modelId: string, dimension: string): Score | undefined {
  const row = db.prepare('SELECT * FROM scores WHERE model_id = ? AND dimension = ?').get(modelId, dimension) as ScoreRow | undefined;
  return row ? toScore(row) : undefined;
}

export function putScore(db: Database.Database, s: Score): void {
  db.prepare(
    `INSERT INTO scores (model_id, dimension, value, lo, hi, source, rationale, taxonomy_version, scored_by, scored_at)
     VALUES (@modelId, @dimension, @value, @lo, @hi, @source, @rationale, @taxonomyVersion, @scoredBy, @scoredAt)
     ON CONFLICT (model_id, dimension) DO UPDATE SET value = excluded.value, lo = excluded.lo, hi = excluded.hi, source = excluded.source,
       rationale = excluded.rationale, taxonomy_version = excluded.taxonomy_version, scored_by = excluded.scored_by, scored_at = excluded.scored_at`,
  ).run(s);
}

/** Audit entity id of a score: model and dimension. */
export function scoreEntityId(modelId: string, dimension: string): string {
  return `${modelId}/${dimension}`;
}

export function scoreImage(s: Score): Json {
  return { ...s };
}

export function allScoreImages(db: Database.Database): Map<string, Json> {
  return new Map(listScores(db).map((s) => [scoreEntityId(s.modelId, s.dimension), scoreImage(s)]));
}
