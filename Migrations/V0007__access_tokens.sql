-- aigov schema, version 7: the people who reach the inventory through `aigov serve`. A token is
-- given to one person, shown once when it is made, and kept here only as the SHA-256 of its text,
-- so that a copy of the file lets no one act as anyone. A token lets its person read, or read and
-- change (an auditor's reads only). A token is revoked, never deleted: the trail says who held
-- which token when.
-- Shipped migrations are never edited; a change to the schema is a new V000N__name.sql file.

CREATE TABLE access_tokens (
  id          INTEGER PRIMARY KEY,
  person      TEXT NOT NULL CHECK (length(trim(person)) > 0),
  label       TEXT NOT NULL DEFAULT '',
  access      TEXT NOT NULL DEFAULT 'write' CHECK (access IN ('read', 'write')),
  token_hash  TEXT NOT NULL UNIQUE
                CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  revoked_at  TEXT,
  revoked_by  TEXT,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

-- A token is never deleted, and of a token only its revocation changes, once.
CREATE TRIGGER access_tokens_no_delete BEFORE DELETE ON access_tokens
BEGIN
  SELECT RAISE(ABORT, 'an access token is revoked, never deleted');
END;

CREATE TRIGGER access_tokens_revoke_only BEFORE UPDATE ON access_tokens
WHEN OLD.revoked_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.person IS NOT OLD.person
  OR NEW.label IS NOT OLD.label OR NEW.access IS NOT OLD.access
  OR NEW.token_hash IS NOT OLD.token_hash
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN
  SELECT RAISE(ABORT, 'of an access token only its revocation is recorded, once');
END;
