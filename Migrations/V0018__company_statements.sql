-- aigov schema, version 18: company statements as records.
--
-- The public page's statements were six settings under fixed headings. Each is now a record of
-- its own: a key, the section of the page it belongs to (data, principles and prohibited uses,
-- law, security, contract), a title, a body that may hold paragraphs, lists and https links, and
-- its place in its section. When a database with a trail is brought to this version, aigov moves
-- each statement setting into a record, unchanged, and records both moves in the trail.

CREATE TABLE statements (
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL UNIQUE
               CHECK (length(key) BETWEEN 2 AND 64
                      AND key GLOB '[a-z0-9]*'
                      AND key NOT GLOB '*[^a-z0-9-]*'),
  section    TEXT NOT NULL
               CHECK (section IN ('data', 'principles', 'law', 'security', 'contract')),
  title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
  body       TEXT NOT NULL CHECK (length(trim(body)) > 0),
  position   INTEGER NOT NULL DEFAULT 100 CHECK (position BETWEEN 0 AND 10000),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;
