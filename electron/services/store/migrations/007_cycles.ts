/**
 * Cycles that follow one another (issue 11): where the cycle came from, each model's
 * standing in earlier cycles and its prior scores, the follow-ups carried from earlier
 * cycles, the findings register, the checks of conditions' metric rules, a condition's
 * rule, and the taxonomy's review frequency and origin.
 *
 * The added taxonomy and condition columns are NULL for everything written before, and
 * the audit images leave such a NULL out, so the records of older workspaces still equal
 * the events that wrote them.
 */
export const migration007 = {
  version: 7,
  name: 'cycles',
  sql: `
-- Written once, by the first event of a cycle started from another.
CREATE TABLE lineage (
  id                      INTEGER PRIMARY KEY CHECK (id = 1),
  predecessor_id          TEXT NOT NULL,
  predecessor_name        TEXT NOT NULL,
  predecessor_file        TEXT NOT NULL,
  predecessor_period_end  TEXT,
  head                    TEXT NOT NULL CHECK (length(head) = 64),
  head_seq                INTEGER NOT NULL CHECK (head_seq >= 1),
  carried_at              TEXT NOT NULL
) STRICT;

-- A model's standing at the end of each earlier cycle, fixed at the hand-over.
CREATE TABLE model_history (
  model_id            TEXT NOT NULL REFERENCES models (id),
  cycle_id            TEXT NOT NULL,
  cycle_name          TEXT NOT NULL,
  period_end          TEXT,
  position            INTEGER NOT NULL CHECK (position >= 0),
  tier                TEXT CHECK (tier IS NULL OR tier IN ('low', 'medium', 'high', 'critical')),
  heat                REAL,
  outcome             TEXT CHECK (outcome IS NULL OR outcome IN ('approved', 'approved_with_conditions', 'rejected', 'deferred')),
  decision_id         TEXT,
  decision_date       TEXT CHECK (decision_date IS NULL OR date(decision_date) IS decision_date),
  model_version       TEXT,
  predictions_sha256  TEXT,
  PRIMARY KEY (model_id, cycle_id)
) STRICT;

-- The predecessor's scores: shown beside the new ones, never current.
CREATE TABLE prior_scores (
  model_id          TEXT NOT NULL REFERENCES models (id),
  dimension         TEXT NOT NULL,
  value             INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
  lo                REAL NOT NULL,
  hi                REAL NOT NULL,
  source            TEXT NOT NULL CHECK (source IN ('analyst', 'rule')),
  rationale         TEXT NOT NULL,
  taxonomy_version  INTEGER NOT NULL,
  scored_by         TEXT NOT NULL,
  scored_at         TEXT NOT NULL,
  cycle_id          TEXT NOT NULL,
  cycle_name        TEXT NOT NULL,
  PRIMARY KEY (model_id, dimension)
) STRICT;

-- Conditions, mitigations and acceptances of earlier cycles still in play, with the
-- cycle, session and decision they were born in. Acceptances use due for the expiry,
-- owner for the approver and detail for the compensating controls.
CREATE TABLE carried_followups (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('condition', 'mitigation', 'acceptance')),
  model_id         TEXT NOT NULL REFERENCES models (id),
  born_cycle_id    TEXT NOT NULL,
  born_cycle_name  TEXT NOT NULL,
  decision_id      TEXT NOT NULL,
  session_id       TEXT NOT NULL,
  session_number   INTEGER NOT NULL,
  session_date     TEXT NOT NULL,
  text             TEXT NOT NULL CHECK (length(trim(text)) > 0),
  owner            TEXT NOT NULL,
  due              TEXT NOT NULL CHECK (date(due) IS due),
  detail           TEXT,
  rule             TEXT,
  status           TEXT NOT NULL CHECK (status IN ('open', 'done')),
  status_note      TEXT,
  status_at        TEXT,
  status_by        TEXT
) STRICT;
CREATE INDEX carried_followups_model ON carried_followups (model_id, kind);

CREATE TABLE register_findings (
  id               TEXT PRIMARY KEY,
  key              TEXT NOT NULL,
  type             TEXT NOT NULL CHECK (type IN ('validation_issue', 'policy_exception', 'limitation')),
  severity         TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  category         TEXT NOT NULL,
  title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
  model_id         TEXT NOT NULL REFERENCES models (id),
  bundle_sha256    TEXT,
  decision_id      TEXT,
  condition_id     TEXT,
  owner            TEXT NOT NULL,
  due              TEXT CHECK (due IS NULL OR date(due) IS due),
  status           TEXT NOT NULL CHECK (status IN ('open', 'in_remediation', 'closed_with_evidence', 'covered_by_acceptance')),
  status_note      TEXT,
  acceptance_id    TEXT,
  opened_on        TEXT NOT NULL CHECK (date(opened_on) IS opened_on),
  closed_on        TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on),
  born_cycle_id    TEXT NOT NULL,
  born_cycle_name  TEXT NOT NULL,
  raised_by        TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  CHECK (status <> 'closed_with_evidence' OR (closed_on IS NOT NULL AND status_note IS NOT NULL)),
  CHECK (status <> 'covered_by_acceptance' OR acceptance_id IS NOT NULL)
) STRICT;
CREATE INDEX register_findings_key ON register_findings (key, status);
CREATE INDEX register_findings_model ON register_findings (model_id, status);

-- Each evaluation of a condition's rule against a bundle: the value seen and the verdict.
CREATE TABLE rule_checks (
  condition_id   TEXT NOT NULL,
  bundle_sha256  TEXT NOT NULL REFERENCES bundles (sha256),
  rule           TEXT NOT NULL,
  observed       REAL,
  verdict        TEXT NOT NULL CHECK (verdict IN ('met', 'not_met', 'not_measured')),
  finding_id     TEXT REFERENCES register_findings (id),
  checked_at     TEXT NOT NULL,
  PRIMARY KEY (condition_id, bundle_sha256)
) STRICT;

ALTER TABLE conditions ADD COLUMN rule TEXT;
ALTER TABLE taxonomy_versions ADD COLUMN review_months TEXT CHECK (review_months IS NULL OR json_valid(review_months));
ALTER TABLE taxonomy_versions ADD COLUMN carried_from TEXT CHECK (carried_from IS NULL OR json_valid(carried_from));
`,
} as const;
