-- aigov schema, version 8: proof for a change of the key administrators. The setting
-- review.key-administrators names the keys that may endorse the replacement of any reviewer's key,
-- so it is as strong as every key it can replace: after the first reviewer key is registered, it
-- changes only with a statement signed by a key administrator's key. The statement's signer and
-- signature are kept with the setting, so that anyone can check it again.
-- Shipped migrations are never edited; a change to the schema is a new V000N__name.sql file.

-- The fingerprint of the key that signed the statement, that key as SubjectPublicKeyInfo PEM,
-- and the Ed25519 signature in base64. All three or none.
ALTER TABLE settings ADD COLUMN endorsed_by TEXT;
ALTER TABLE settings ADD COLUMN endorsing_key TEXT;
ALTER TABLE settings ADD COLUMN endorsement TEXT;
