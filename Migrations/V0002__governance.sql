-- aigov schema, version 2: governance. Review rounds pinned to a feature's content hash, sign-offs
-- (signed with the reviewer's Ed25519 key when one is registered), reviewers' public keys with their
-- history, settings, and the reason recorded with a feature's status.
-- Shipped migrations are never edited; a change to the schema is a new V000N__name.sql file.

-- Why a feature was suspended, retired or sent back; cleared when its status moves on.
ALTER TABLE features ADD COLUMN status_reason TEXT;

-- A reviewer's public keys. One is in force at a time; a replaced key is kept with the time it was
-- retired, so that a sign-off is verified against the key in force when it was made.
CREATE TABLE reviewer_keys (
  id          INTEGER PRIMARY KEY,
  reviewer_id INTEGER NOT NULL REFERENCES reviewers (id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL UNIQUE CHECK (length(fingerprint) = 64),
  public_key  TEXT NOT NULL,
  added_at    TEXT NOT NULL,
  retired_at  TEXT
) STRICT;

CREATE UNIQUE INDEX reviewer_keys_in_force ON reviewer_keys (reviewer_id) WHERE retired_at IS NULL;

-- Governance settings (required disciplines, thresholds of `aigov check`). A setting without a row
-- has its default.
CREATE TABLE settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- A review round: opened for one feature, pinned to its content hash and to the disciplines required
-- when it was opened.
CREATE TABLE review_rounds (
  id                   INTEGER PRIMARY KEY,
  feature_id           INTEGER NOT NULL REFERENCES features (id),
  number               INTEGER NOT NULL CHECK (number >= 1),
  kind                 TEXT NOT NULL CHECK (kind IN ('initial', 'periodic', 'material-change')),
  status               TEXT NOT NULL
                         CHECK (status IN ('open', 'approved', 'rejected', 'voided', 'withdrawn')),
  content_hash         TEXT NOT NULL CHECK (length(content_hash) = 64),
  required_disciplines TEXT NOT NULL,
  opened_at            TEXT NOT NULL,
  opened_by            TEXT NOT NULL,
  closed_at            TEXT,
  closed_by            TEXT,
  close_reason         TEXT,
  -- The audit event whose change voided the round, when a material change did.
  cause_event          INTEGER,
  UNIQUE (feature_id, number),
  CHECK ((status = 'open') = (closed_at IS NULL))
) STRICT;

CREATE UNIQUE INDEX review_rounds_one_open ON review_rounds (feature_id) WHERE status = 'open';

-- One reviewer's decision for one discipline in one round. Never changed: a later decision for the
-- same discipline replaces it in the round's outcome, and both stay here and in the audit trail.
CREATE TABLE signoffs (
  id              INTEGER PRIMARY KEY,
  round_id        INTEGER NOT NULL REFERENCES review_rounds (id),
  discipline      TEXT NOT NULL
                    CHECK (discipline IN ('product', 'engineering', 'legal', 'privacy', 'security')),
  reviewer_id     INTEGER NOT NULL REFERENCES reviewers (id),
  decision        TEXT NOT NULL CHECK (decision IN ('approve', 'reject', 'changes-requested')),
  comment         TEXT NOT NULL DEFAULT '',
  signed_at       TEXT NOT NULL,
  key_fingerprint TEXT,
  signature       TEXT,
  CHECK ((key_fingerprint IS NULL) = (signature IS NULL))
) STRICT;

CREATE INDEX signoffs_round ON signoffs (round_id, discipline);

CREATE TRIGGER signoffs_no_update BEFORE UPDATE ON signoffs
BEGIN
  SELECT RAISE(ABORT, 'sign-offs are never changed');
END;

CREATE TRIGGER signoffs_no_delete BEFORE DELETE ON signoffs
BEGIN
  SELECT RAISE(ABORT, 'sign-offs are never deleted');
END;
