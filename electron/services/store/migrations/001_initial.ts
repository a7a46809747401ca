/**
 * The first schema: the cycle, its models, the versioned taxonomy and the audit log.
 * Later features add their tables in migrations of their own; this file never changes
 * once released, because workspaces in the field were built by it.
 */
export const migration001 = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE cycle (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  period_start  TEXT,
  period_end    TEXT,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL
) STRICT;

CREATE TABLE models (
  id                  TEXT PRIMARY KEY,
  name                TEXT NOT NULL,
  version             TEXT NOT NULL,
  owner               TEXT NOT NULL,
  team                TEXT NOT NULL,
  product_line        TEXT NOT NULL,
  regions             TEXT NOT NULL,  -- JSON array of strings
  use_case            TEXT NOT NULL,
  deployment_context  TEXT NOT NULL CHECK (deployment_context IN ('internal', 'customer-facing')),
  regulated           INTEGER NOT NULL CHECK (regulated IN (0, 1)),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
) STRICT;

-- A taxonomy version is never edited: an edit writes a new version, so the taxonomy a
-- score was made under stays recoverable.
CREATE TABLE taxonomy_versions (
  version     INTEGER PRIMARY KEY,
  created_at  TEXT NOT NULL,
  thresholds  TEXT NOT NULL   -- JSON {medium, high, critical}
) STRICT;

CREATE TABLE taxonomy_dimensions (
  version      INTEGER NOT NULL REFERENCES taxonomy_versions(version),
  position     INTEGER NOT NULL,
  key          TEXT NOT NULL,
  label        TEXT NOT NULL,
  description  TEXT NOT NULL,
  axis         TEXT NOT NULL CHECK (axis IN ('likelihood', 'impact')),
  weight       REAL NOT NULL CHECK (weight >= 0),
  rules        TEXT NOT NULL,  -- JSON array of evidence rules
  PRIMARY KEY (version, key)
) STRICT;

CREATE TABLE audit_events (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  before     TEXT,            -- canonical JSON (RFC 8785) or NULL
  after      TEXT,            -- canonical JSON (RFC 8785) or NULL
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;
CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, seq);

-- The chain head, written in the same transaction as every event: deleting the last
-- events leaves the chain itself consistent, but no longer ending at this head.
CREATE TABLE audit_anchor (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  seq   INTEGER NOT NULL,
  hash  TEXT NOT NULL
) STRICT;
`,
} as const;
