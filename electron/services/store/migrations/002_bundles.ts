/**
 * Evidence: imported bundles, their files stored content-addressed (so the workspace
 * alone can re-verify them), and the findings of their validation.
 */
export const migration002 = {
  version: 2,
  name: 'bundles',
  sql: `
CREATE TABLE blobs (
  sha256  TEXT PRIMARY KEY,
  bytes   INTEGER NOT NULL,
  data    BLOB NOT NULL
) STRICT;

CREATE TABLE bundles (
  sha256         TEXT PRIMARY KEY,   -- of bundle.json, which lists every file's hash
  model_id       TEXT NOT NULL REFERENCES models(id),
  model_version  TEXT NOT NULL,
  task           TEXT NOT NULL CHECK (task IN ('binary_classification', 'regression')),
  created_at     TEXT NOT NULL,
  producer       TEXT NOT NULL,
  source_name    TEXT NOT NULL,
  imported_at    TEXT NOT NULL,
  imported_by    TEXT NOT NULL,
  report         TEXT NOT NULL       -- the validation report, JSON
) STRICT;
CREATE INDEX bundles_model ON bundles (model_id, imported_at);

CREATE TABLE bundle_files (
  bundle_sha256  TEXT NOT NULL REFERENCES bundles(sha256),
  path           TEXT NOT NULL,
  role           TEXT NOT NULL,
  sha256         TEXT NOT NULL REFERENCES blobs(sha256),
  bytes          INTEGER NOT NULL,
  listed         INTEGER NOT NULL CHECK (listed IN (0, 1)),
  PRIMARY KEY (bundle_sha256, path)
) STRICT;

CREATE TABLE findings (
  id             INTEGER PRIMARY KEY,
  bundle_sha256  TEXT NOT NULL REFERENCES bundles(sha256),
  model_id       TEXT NOT NULL REFERENCES models(id),
  severity       TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
  category       TEXT NOT NULL,
  message        TEXT NOT NULL,
  evidence       TEXT NOT NULL      -- JSON
) STRICT;
CREATE INDEX findings_model ON findings (model_id, severity);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL            -- JSON
) STRICT;
`,
} as const;
