/**
 * The board's integrity (issue 13 §1–§3): the roster of people of the cycle, conflicts
 * declared per agenda item (a recused member neither votes on the item nor counts towards
 * its quorum), a reason and a dissent on each vote, and the board's approval of an
 * amendment (a vote with quorum, or the chair's and the secretary's sign-off).
 *
 * The added vote columns are empty for everything written before, and the audit images
 * leave an empty reason and no dissent out, so the records of older workspaces still equal
 * the events that wrote them.
 */
export const migration008 = {
  version: 8,
  name: 'board',
  sql: `
CREATE TABLE roster (
  id            TEXT PRIMARY KEY,
  position      INTEGER NOT NULL CHECK (position >= 0),
  name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
  email         TEXT NOT NULL CHECK (length(trim(email)) > 0) UNIQUE COLLATE NOCASE,
  organisation  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('chair', 'voting_member', 'secretary', 'observer', 'analyst'))
) STRICT;

CREATE TABLE conflicts (
  session_id   TEXT NOT NULL REFERENCES sessions (id),
  item_id      TEXT NOT NULL,
  attendee_id  TEXT NOT NULL,
  reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  recused      INTEGER NOT NULL CHECK (recused IN (0, 1)),
  declared_at  TEXT NOT NULL,
  declared_by  TEXT NOT NULL,
  PRIMARY KEY (item_id, attendee_id),
  FOREIGN KEY (item_id, session_id) REFERENCES agenda_items (id, session_id),
  FOREIGN KEY (attendee_id, session_id) REFERENCES attendees (id, session_id)
) STRICT;

CREATE TRIGGER conflicts_locked_insert BEFORE INSERT ON conflicts
WHEN (SELECT closed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its declarations of conflict can no longer be changed.'); END;
CREATE TRIGGER conflicts_locked_update BEFORE UPDATE ON conflicts
WHEN (SELECT closed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its declarations of conflict can no longer be changed.'); END;
CREATE TRIGGER conflicts_locked_delete BEFORE DELETE ON conflicts
WHEN (SELECT closed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'The session is closed; its declarations of conflict can no longer be changed.'); END;

ALTER TABLE votes ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE votes ADD COLUMN dissent INTEGER NOT NULL DEFAULT 0 CHECK (dissent IN (0, 1));
-- A recorded dissent opposes the outcome (checked by the service, which knows it) and says why.
CREATE TRIGGER votes_dissent_insert BEFORE INSERT ON votes
WHEN NEW.dissent = 1 AND (NEW.vote = 'abstain' OR length(trim(NEW.reason)) = 0)
BEGIN SELECT RAISE(ABORT, 'A dissent is a vote for or against with its reason.'); END;

-- How the board approved an amendment; written with it and never changed.
CREATE TABLE amendment_approvals (
  decision_id  TEXT PRIMARY KEY REFERENCES amendments (decision_id),
  basis        TEXT NOT NULL CHECK (basis IN ('vote', 'signoff')),
  detail       TEXT NOT NULL CHECK (json_valid(detail) AND json_type(detail) = 'object')
) STRICT;
CREATE TRIGGER amendment_approvals_update BEFORE UPDATE ON amendment_approvals
BEGIN SELECT RAISE(ABORT, 'The approval of an amendment is never changed.'); END;
CREATE TRIGGER amendment_approvals_delete BEFORE DELETE ON amendment_approvals
BEGIN SELECT RAISE(ABORT, 'The approval of an amendment is never removed.'); END;
`,
} as const;
