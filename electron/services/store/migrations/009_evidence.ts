/**
 * Decisions rest on enough evidence (issue 13 §5). A tier may now be "incomplete" (too few
 * dimensions scored), and approving a model with open severe findings, unscored
 * dimensions or an incomplete tier carries the chair's acknowledgement.
 *
 * decisions.tier keeps its CHECK (rebuilding a table half the schema references is not
 * worth it): an incomplete tier is written there as NULL and named in decision_evidence,
 * which also holds the acknowledgement. model_history references nothing and nothing
 * references it, so it is rebuilt with the wider CHECK. Rows written before stay as they
 * were, and their audit images with them.
 */
export const migration009 = {
  version: 9,
  name: 'evidence',
  sql: `
CREATE TABLE decision_evidence (
  decision_id      TEXT PRIMARY KEY REFERENCES decisions (id),
  tier             TEXT CHECK (tier IS NULL OR tier = 'incomplete'),
  acknowledgement  TEXT CHECK (acknowledgement IS NULL OR (json_valid(acknowledgement) AND json_type(acknowledgement) = 'object'))
) STRICT;
CREATE TRIGGER decision_evidence_locked_insert BEFORE INSERT ON decision_evidence WHEN NEW.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its acknowledgement can no longer be changed.'); END;
CREATE TRIGGER decision_evidence_locked_update BEFORE UPDATE ON decision_evidence WHEN OLD.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its acknowledgement can no longer be changed.'); END;
CREATE TRIGGER decision_evidence_locked_delete BEFORE DELETE ON decision_evidence WHEN OLD.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its acknowledgement can no longer be changed.'); END;

CREATE TABLE model_history_009 (
  model_id            TEXT NOT NULL REFERENCES models (id),
  cycle_id            TEXT NOT NULL,
  cycle_name          TEXT NOT NULL,
  period_end          TEXT,
  position            INTEGER NOT NULL CHECK (position >= 0),
  tier                TEXT CHECK (tier IS NULL OR tier IN ('low', 'medium', 'high', 'critical', 'incomplete')),
  heat                REAL,
  outcome             TEXT CHECK (outcome IS NULL OR outcome IN ('approved', 'approved_with_conditions', 'rejected', 'deferred')),
  decision_id         TEXT,
  decision_date       TEXT CHECK (decision_date IS NULL OR date(decision_date) IS decision_date),
  model_version       TEXT,
  predictions_sha256  TEXT,
  PRIMARY KEY (model_id, cycle_id)
) STRICT;
INSERT INTO model_history_009 SELECT model_id, cycle_id, cycle_name, period_end, position, tier, heat, outcome, decision_id, decision_date, model_version, predictions_sha256 FROM model_history;
DROP TABLE model_history;
ALTER TABLE model_history_009 RENAME TO model_history;
`,
} as const;
