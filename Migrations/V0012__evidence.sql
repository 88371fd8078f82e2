-- aigov schema, version 12: evidence. A piece of evidence is a file the company keeps (stored
-- here, content-addressed by its SHA-256) or a URL with the SHA-256 of the copy it kept, with
-- what it is, the period it proves, when it was collected, when it expires and who provided it.
-- Evidence is never edited: a revision is a new record naming the one it revises. It links to
-- controls, mitigations, risks, sign-offs, incidents and monitoring results; one piece serves
-- many. A reviewer attests evidence with their key. Shipped migrations are never edited; a change
-- to the schema is a new file.

-- The stored files, by the SHA-256 of their bytes; `audit verify` checks each against its name.
CREATE TABLE evidence_files (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  content BLOB NOT NULL
);

CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL CHECK (length(trim(title)) > 0),
  kind TEXT NOT NULL CHECK (kind IN ('document', 'contract', 'test-report', 'log-extract',
    'screenshot', 'attestation')),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  size INTEGER CHECK (size IS NULL OR size >= 0),
  file_name TEXT,
  url TEXT,
  period_start TEXT,
  period_end TEXT,
  collected_on TEXT NOT NULL,
  expires_on TEXT,
  provided_by TEXT NOT NULL CHECK (length(trim(provided_by)) > 0),
  revises INTEGER REFERENCES evidence (id),
  created_at TEXT NOT NULL,
  CHECK ((file_name IS NULL) <> (url IS NULL))
);

-- What a piece of evidence supports, one term per row: 'control:KEY', 'mitigation:12',
-- 'risk:3', 'incident:INC-2291', 'signoff:40', 'monitoring-result:7'.
CREATE TABLE evidence_links (
  evidence_id INTEGER NOT NULL REFERENCES evidence (id),
  target TEXT NOT NULL CHECK (target GLOB '?*:?*'),
  PRIMARY KEY (evidence_id, target)
);

CREATE INDEX evidence_links_target ON evidence_links (target);

CREATE TABLE evidence_attestations (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence (id),
  reviewer_id INTEGER NOT NULL REFERENCES reviewers (id),
  discipline TEXT NOT NULL
    CHECK (discipline IN ('product', 'engineering', 'legal', 'privacy', 'security')),
  attested_at TEXT NOT NULL,
  key_fingerprint TEXT,
  signature TEXT
);

CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
BEGIN
  SELECT RAISE(ABORT, 'evidence is never edited: record a revision');
END;

CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
BEGIN
  SELECT RAISE(ABORT, 'evidence is never edited: record a revision');
END;

CREATE TRIGGER evidence_files_no_update BEFORE UPDATE ON evidence_files
BEGIN
  SELECT RAISE(ABORT, 'a stored evidence file is never changed');
END;

CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files
BEGIN
  SELECT RAISE(ABORT, 'a stored evidence file is never changed');
END;

CREATE TRIGGER evidence_links_no_delete BEFORE DELETE ON evidence_links
BEGIN
  SELECT RAISE(ABORT, 'evidence links are never removed');
END;

CREATE TRIGGER evidence_attestations_no_update BEFORE UPDATE ON evidence_attestations
BEGIN
  SELECT RAISE(ABORT, 'attestations are signed and never edited');
END;

CREATE TRIGGER evidence_attestations_no_delete BEFORE DELETE ON evidence_attestations
BEGIN
  SELECT RAISE(ABORT, 'attestations are signed and never edited');
END;
