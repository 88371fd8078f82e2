-- aigov schema, version 15: a company's own framework catalogues, and new versions of the
-- shipped ones. Each import is kept as it was read (the catalogue as canonical JSON) and never
-- edited; the latest import of a key is the version in force, and the mappings and decisions
-- that name its requirements are kept across versions.
-- Shipped migrations are never edited; a change to the schema is a new file.

CREATE TABLE framework_catalogues (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL CHECK (length(key) > 0),
  version TEXT NOT NULL CHECK (length(version) > 0),
  catalogue TEXT NOT NULL CHECK (json_valid(catalogue)),
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  UNIQUE (key, version)
);

CREATE TRIGGER framework_catalogues_no_update BEFORE UPDATE ON framework_catalogues
BEGIN
  SELECT RAISE(ABORT, 'an imported framework catalogue is never edited: import a new version');
END;

CREATE TRIGGER framework_catalogues_no_delete BEFORE DELETE ON framework_catalogues
BEGIN
  SELECT RAISE(ABORT, 'an imported framework catalogue is never edited: import a new version');
END;
