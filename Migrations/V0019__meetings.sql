-- aigov schema, version 19: the review meeting's minutes as records.
--
-- A meeting is recorded once, as held: the day, the quarter it reviewed, who attended, its notes
-- and each decision it took on an item of the report's "Needs a decision" list. Minutes are never
-- edited or removed. Each action the meeting gave out has an owner and a due day, and is later
-- marked done or dropped; the next quarter's report opens with their state.

CREATE TABLE meetings (
  id         INTEGER PRIMARY KEY,
  held_on    TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  quarter    TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
  attendees  TEXT NOT NULL CHECK (length(trim(attendees)) > 0),
  notes      TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE meeting_decisions (
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  position   INTEGER NOT NULL CHECK (position >= 1),
  item       TEXT NOT NULL CHECK (item GLOB '?*/?*'),
  decision   TEXT NOT NULL
               CHECK (decision IN ('approve', 'suspend', 'accept-exception', 'assign-owner',
                                   'fund-mitigation', 'report', 'reschedule', 'defer', 'close')),
  note       TEXT NOT NULL CHECK (length(trim(note)) > 0),
  until      TEXT CHECK (until IS NULL
                         OR until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  PRIMARY KEY (meeting_id, position)
) STRICT;

CREATE TABLE meeting_actions (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  item       TEXT CHECK (item IS NULL OR item GLOB '?*/?*'),
  title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
  owner      TEXT NOT NULL CHECK (length(trim(owner)) > 0),
  due_on     TEXT NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
  closed_on  TEXT CHECK ((status = 'open') = (closed_on IS NULL)),
  note       TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;

CREATE INDEX meeting_actions_owner ON meeting_actions (owner, status);

CREATE TRIGGER meetings_no_update BEFORE UPDATE ON meetings
BEGIN
  SELECT RAISE(ABORT, 'minutes are never edited');
END;

CREATE TRIGGER meetings_no_delete BEFORE DELETE ON meetings
BEGIN
  SELECT RAISE(ABORT, 'minutes are never removed');
END;

CREATE TRIGGER meeting_decisions_no_update BEFORE UPDATE ON meeting_decisions
BEGIN
  SELECT RAISE(ABORT, 'minutes are never edited');
END;

CREATE TRIGGER meeting_decisions_no_delete BEFORE DELETE ON meeting_decisions
BEGIN
  SELECT RAISE(ABORT, 'minutes are never removed');
END;
