/**
 * Scores: one row per model x dimension, the latest; earlier values live in the audit log
 * (which is also what the heatmap's time control replays).
 */
export const migration003 = {
  version: 3,
  name: 'scores',
  sql: `
CREATE TABLE scores (
  model_id          TEXT NOT NULL REFERENCES models(id),
  dimension         TEXT NOT NULL,
  value             INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
  lo                REAL NOT NULL CHECK (lo >= 1 AND lo <= value),
  hi                REAL NOT NULL CHECK (hi <= 5 AND hi >= value),
  source            TEXT NOT NULL CHECK (source IN ('analyst', 'rule')),
  rationale         TEXT NOT NULL,
  taxonomy_version  INTEGER NOT NULL REFERENCES taxonomy_versions(version),
  scored_by         TEXT NOT NULL,
  scored_at         TEXT NOT NULL,
  PRIMARY KEY (model_id, dimension)
) STRICT;
`,
} as const;
