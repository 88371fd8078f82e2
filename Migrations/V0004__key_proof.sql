-- aigov schema, version 4: proof for a reviewer's new key. A key that replaces a key in force is
-- registered with a statement signed by that key, or by a key administrator's key named in the
-- settings; the statement's signer and signature are kept with the new key, so that anyone can
-- check it again.
-- Shipped migrations are never edited; a change to the schema is a new V000N__name.sql file.

-- The fingerprint of the key that signed the statement, that key as SubjectPublicKeyInfo PEM,
-- and the Ed25519 signature in base64. All three or none.
ALTER TABLE reviewer_keys ADD COLUMN endorsed_by TEXT;
ALTER TABLE reviewer_keys ADD COLUMN endorsing_key TEXT;
ALTER TABLE reviewer_keys ADD COLUMN endorsement TEXT;
