/**
 * Review-board sessions: the meeting, its attendees, the agenda of models, and per item
 * the decision with its votes, conditions, mitigations and risk acceptances; amendments
 * after the meeting; the chair's notes.
 *
 * Closing a session locks its record in the database itself, not only in the service:
 * the triggers below refuse any write to a closed session's attendance, agenda, notes,
 * decisions and their parts, whoever makes it (the app, a script, the sqlite3 shell).
 * Two writes stay open after closing, because they are the follow-up the meeting asked
 * for: the status of a condition or mitigation (open/done, with who, when and a note), and
 * amendments, which are new decision rows naming the decision they amend; the original
 * is never touched. An amendment is itself locked from the moment its `amendments` row
 * exists, which the service writes last in the same transaction.
 */
export const migration005 = {
  version: 5,
  name: 'sessions',
  sql: `
CREATE TABLE sessions (
  id                   TEXT PRIMARY KEY,
  number               INTEGER NOT NULL UNIQUE CHECK (number >= 1),
  title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
  date                 TEXT NOT NULL CHECK (date(date) IS date),
  location             TEXT NOT NULL,
  chair                TEXT NOT NULL CHECK (length(trim(chair)) > 0),
  quorum               INTEGER CHECK (quorum IS NULL OR quorum >= 1),  -- NULL: a majority of voting members
  current_item_id      TEXT,
  attendance_taken_at  TEXT,
  created_at           TEXT NOT NULL,
  created_by           TEXT NOT NULL,
  closed_at            TEXT,
  closed_by            TEXT,
  CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
  FOREIGN KEY (current_item_id, id) REFERENCES agenda_items (id, session_id)
) STRICT;

CREATE TABLE attendees (
  id          TEXT PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions (id),
  position    INTEGER NOT NULL CHECK (position >= 0),
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  role        TEXT NOT NULL,
  voting      INTEGER NOT NULL CHECK (voting IN (0, 1)),
  present     INTEGER NOT NULL DEFAULT 0 CHECK (present IN (0, 1)),
  UNIQUE (session_id, name),
  UNIQUE (id, session_id)
) STRICT;

CREATE TABLE agenda_items (
  id            TEXT PRIMARY KEY,
  session_id    TEXT NOT NULL REFERENCES sessions (id),
  model_id      TEXT NOT NULL REFERENCES models (id),
  position      INTEGER NOT NULL CHECK (position >= 0),
  top_quartile  INTEGER NOT NULL CHECK (top_quartile IN (0, 1)),
  pulled_up     TEXT NOT NULL CHECK (json_valid(pulled_up) AND json_type(pulled_up) = 'array'),
  UNIQUE (session_id, model_id),
  UNIQUE (id, session_id)
) STRICT;
CREATE INDEX agenda_items_session ON agenda_items (session_id, position);

CREATE TABLE decisions (
  id                  TEXT PRIMARY KEY,
  session_id          TEXT NOT NULL REFERENCES sessions (id),
  item_id             TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('original', 'amendment')),
  outcome             TEXT NOT NULL CHECK (outcome IN ('approved', 'approved_with_conditions', 'rejected', 'deferred')),
  rationale           TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
  blocking_dimension  TEXT,
  blocking_finding    INTEGER REFERENCES findings (id),
  heat                REAL,
  tier                TEXT CHECK (tier IS NULL OR tier IN ('low', 'medium', 'high', 'critical')),
  decision_date       TEXT NOT NULL CHECK (date(decision_date) IS decision_date),
  decided_at          TEXT NOT NULL,
  decided_by          TEXT NOT NULL,
  FOREIGN KEY (item_id, session_id) REFERENCES agenda_items (id, session_id),
  UNIQUE (id, session_id),
  CHECK (blocking_dimension IS NULL OR blocking_finding IS NULL),
  CHECK (outcome <> 'rejected' OR blocking_dimension IS NOT NULL OR blocking_finding IS NOT NULL)
) STRICT;
-- One decision per item from the meeting; amendments add rows of their own.
CREATE UNIQUE INDEX decisions_original ON decisions (item_id) WHERE kind = 'original';
CREATE INDEX decisions_session ON decisions (session_id, item_id);

CREATE TABLE votes (
  decision_id  TEXT NOT NULL,
  session_id   TEXT NOT NULL,
  attendee_id  TEXT NOT NULL,
  vote         TEXT NOT NULL CHECK (vote IN ('for', 'against', 'abstain')),
  PRIMARY KEY (decision_id, attendee_id),
  FOREIGN KEY (decision_id, session_id) REFERENCES decisions (id, session_id),
  FOREIGN KEY (attendee_id, session_id) REFERENCES attendees (id, session_id)
) STRICT;

CREATE TABLE conditions (
  id           TEXT PRIMARY KEY,
  decision_id  TEXT NOT NULL REFERENCES decisions (id),
  position     INTEGER NOT NULL CHECK (position >= 0),
  text         TEXT NOT NULL CHECK (length(trim(text)) > 0),
  owner        TEXT NOT NULL,
  due          TEXT NOT NULL CHECK (date(due) IS due),
  status       TEXT NOT NULL CHECK (status IN ('open', 'done')),
  status_note  TEXT,
  status_at    TEXT,
  status_by    TEXT,
  UNIQUE (decision_id, position)
) STRICT;

CREATE TABLE mitigations (
  id                TEXT PRIMARY KEY,
  decision_id       TEXT NOT NULL REFERENCES decisions (id),
  position          INTEGER NOT NULL CHECK (position >= 0),
  action            TEXT NOT NULL CHECK (length(trim(action)) > 0),
  owner             TEXT NOT NULL CHECK (length(trim(owner)) > 0),
  due               TEXT NOT NULL CHECK (date(due) IS due),
  success_criteria  TEXT NOT NULL CHECK (length(trim(success_criteria)) > 0),
  status            TEXT NOT NULL CHECK (status IN ('open', 'done')),
  status_note       TEXT,
  status_at         TEXT,
  status_by         TEXT,
  UNIQUE (decision_id, position)
) STRICT;

CREATE TABLE acceptances (
  id                     TEXT PRIMARY KEY,
  decision_id            TEXT NOT NULL REFERENCES decisions (id),
  position               INTEGER NOT NULL CHECK (position >= 0),
  risk                   TEXT NOT NULL CHECK (length(trim(risk)) > 0),
  approver               TEXT NOT NULL CHECK (length(trim(approver)) > 0),
  compensating_controls  TEXT NOT NULL CHECK (length(trim(compensating_controls)) > 0),
  expiry                 TEXT NOT NULL CHECK (date(expiry) IS expiry),
  UNIQUE (decision_id, position)
) STRICT;

CREATE TABLE amendments (
  decision_id  TEXT PRIMARY KEY REFERENCES decisions (id),
  amends       TEXT NOT NULL REFERENCES decisions (id),
  reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  amended_at   TEXT NOT NULL,
  amended_by   TEXT NOT NULL,
  CHECK (decision_id <> amends)
) STRICT;
CREATE UNIQUE INDEX amendments_amends ON amendments (amends);

CREATE TABLE chair_notes (
  id          INTEGER PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions (id),
  item_id     TEXT,
  text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  FOREIGN KEY (item_id, session_id) REFERENCES agenda_items (id, session_id)
) STRICT;
CREATE UNIQUE INDEX chair_notes_one ON chair_notes (session_id, ifnull(item_id, ''));

-- A decision is locked once its session is closed; an amendment once it is complete.
CREATE VIEW locked_decisions AS
  SELECT d.id FROM decisions d JOIN sessions s ON s.id = d.session_id
  WHERE s.closed_at IS NOT NULL
    AND (d.kind = 'original' OR EXISTS (SELECT 1 FROM amendments a WHERE a.decision_id = d.id));

CREATE TRIGGER sessions_locked_update BEFORE UPDATE ON sessions WHEN OLD.closed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its record can no longer be changed.'); END;
CREATE TRIGGER sessions_locked_delete BEFORE DELETE ON sessions WHEN OLD.closed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its record can no longer be changed.'); END;

CREATE TRIGGER attendees_locked_insert BEFORE INSERT ON attendees
WHEN (SELECT closed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its attendance can no longer be changed.'); END;
CREATE TRIGGER attendees_locked_update BEFORE UPDATE ON attendees
WHEN (SELECT closed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL OR (SELECT closed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its attendance can no longer be changed.'); END;
CREATE TRIGGER attendees_locked_delete BEFORE DELETE ON attendees
WHEN (SELECT closed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its attendance can no longer be changed.'); END;

CREATE TRIGGER agenda_items_locked_insert BEFORE INSERT ON agenda_items
WHEN (SELECT closed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its agenda can no longer be changed.'); END;
CREATE TRIGGER agenda_items_locked_update BEFORE UPDATE ON agenda_items
WHEN (SELECT closed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL OR (SELECT closed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its agenda can no longer be changed.'); END;
CREATE TRIGGER agenda_items_locked_delete BEFORE DELETE ON agenda_items
WHEN (SELECT closed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its agenda can no longer be changed.'); END;

CREATE TRIGGER chair_notes_locked_insert BEFORE INSERT ON chair_notes
WHEN (SELECT closed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its notes can no longer be changed.'); END;
CREATE TRIGGER chair_notes_locked_update BEFORE UPDATE ON chair_notes
WHEN (SELECT closed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL OR (SELECT closed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its notes can no longer be changed.'); END;
CREATE TRIGGER chair_notes_locked_delete BEFORE DELETE ON chair_notes
WHEN (SELECT closed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its notes can no longer be changed.'); END;

CREATE TRIGGER decisions_locked_insert BEFORE INSERT ON decisions
WHEN NEW.kind = 'original' AND (SELECT closed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its decisions are locked. Record an amendment instead.'); END;
CREATE TRIGGER decisions_amend_open_insert BEFORE INSERT ON decisions
WHEN NEW.kind = 'amendment' AND (SELECT closed_at FROM sessions WHERE id = NEW.session_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'Only a decision of a closed session is amended; while the session is open, record the decision again.'); END;
CREATE TRIGGER decisions_locked_update BEFORE UPDATE ON decisions
WHEN OLD.id IN (SELECT id FROM locked_decisions)
  OR (NEW.kind = 'original' AND (SELECT closed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed). Record an amendment instead.'); END;
CREATE TRIGGER decisions_locked_delete BEFORE DELETE ON decisions
WHEN OLD.id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed). Record an amendment instead.'); END;

CREATE TRIGGER votes_locked_insert BEFORE INSERT ON votes WHEN NEW.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its votes can no longer be changed.'); END;
CREATE TRIGGER votes_locked_update BEFORE UPDATE ON votes
WHEN OLD.decision_id IN (SELECT id FROM locked_decisions) OR NEW.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its votes can no longer be changed.'); END;
CREATE TRIGGER votes_locked_delete BEFORE DELETE ON votes WHEN OLD.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its votes can no longer be changed.'); END;
CREATE TRIGGER votes_amendment_insert BEFORE INSERT ON votes
WHEN (SELECT kind FROM decisions WHERE id = NEW.decision_id) = 'amendment'
BEGIN SELECT RAISE(ABORT, 'An amendment records no votes.'); END;

CREATE TRIGGER conditions_locked_insert BEFORE INSERT ON conditions WHEN NEW.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its conditions can no longer be changed.'); END;
CREATE TRIGGER conditions_locked_update BEFORE UPDATE ON conditions
WHEN (OLD.decision_id IN (SELECT id FROM locked_decisions) OR NEW.decision_id IN (SELECT id FROM locked_decisions))
  AND (NEW.id IS NOT OLD.id OR NEW.decision_id IS NOT OLD.decision_id OR NEW.position IS NOT OLD.position
       OR NEW.text IS NOT OLD.text OR NEW.owner IS NOT OLD.owner OR NEW.due IS NOT OLD.due)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); only the status of a condition can change.'); END;
CREATE TRIGGER conditions_locked_delete BEFORE DELETE ON conditions WHEN OLD.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its conditions can no longer be changed.'); END;

CREATE TRIGGER mitigations_locked_insert BEFORE INSERT ON mitigations WHEN NEW.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its mitigations can no longer be changed.'); END;
CREATE TRIGGER mitigations_locked_update BEFORE UPDATE ON mitigations
WHEN (OLD.decision_id IN (SELECT id FROM locked_decisions) OR NEW.decision_id IN (SELECT id FROM locked_decisions))
  AND (NEW.id IS NOT OLD.id OR NEW.decision_id IS NOT OLD.decision_id OR NEW.position IS NOT OLD.position
       OR NEW.action IS NOT OLD.action OR NEW.owner IS NOT OLD.owner OR NEW.due IS NOT OLD.due
       OR NEW.success_criteria IS NOT OLD.success_criteria)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); only the status of a mitigation can change.'); END;
CREATE TRIGGER mitigations_locked_delete BEFORE DELETE ON mitigations WHEN OLD.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its mitigations can no longer be changed.'); END;

CREATE TRIGGER acceptances_locked_insert BEFORE INSERT ON acceptances WHEN NEW.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its risk acceptances can no longer be changed.'); END;
CREATE TRIGGER acceptances_locked_update BEFORE UPDATE ON acceptances
WHEN OLD.decision_id IN (SELECT id FROM locked_decisions) OR NEW.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its risk acceptances can no longer be changed.'); END;
CREATE TRIGGER acceptances_locked_delete BEFORE DELETE ON acceptances WHEN OLD.decision_id IN (SELECT id FROM locked_decisions)
BEGIN SELECT RAISE(ABORT, 'The decision is locked (its session is closed); its risk acceptances can no longer be changed.'); END;

-- An amendment is a permanent record: it is never edited or removed.
CREATE TRIGGER amendments_update BEFORE UPDATE ON amendments
BEGIN SELECT RAISE(ABORT, 'An amendment is never changed; record another amendment instead.'); END;
CREATE TRIGGER amendments_delete BEFORE DELETE ON amendments
BEGIN SELECT RAISE(ABORT, 'An amendment is never removed; record another amendment instead.'); END;
CREATE TRIGGER amendments_insert BEFORE INSERT ON amendments
WHEN (SELECT kind FROM decisions WHERE id = NEW.decision_id) IS NOT 'amendment'
  OR (SELECT item_id FROM decisions WHERE id = NEW.decision_id) IS NOT (SELECT item_id FROM decisions WHERE id = NEW.amends)
BEGIN SELECT RAISE(ABORT, 'An amendment must be an amendment row of the same agenda item as the decision it amends.'); END;
`,
} as const;
