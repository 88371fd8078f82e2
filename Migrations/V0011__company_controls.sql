-- aigov schema, version 11: company controls. A control is a measure the company keeps for many
-- features at once (contracts that bar providers from training, read-only support access, a
-- review of datasets before training): recorded once, with its owner, status and public
-- statement, and a scope that says which features it covers. A control may state a claim the
-- records can test ('customers-can-turn-off'); `check` names a feature in scope that
-- contradicts it. An exception accepts, for one feature and until a day, what a control does
-- not cover or what a check rule finds: signed by a reviewer of the discipline that owns it,
-- and never edited. Shipped migrations are never edited; a change to the schema is a new file.

CREATE TABLE controls (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE
    CHECK (length(key) BETWEEN 2 AND 64 AND key GLOB '[a-z0-9]*'
           AND key NOT GLOB '*[^a-z0-9-]*'),
  title TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('technical', 'process', 'contractual')),
  discipline TEXT NOT NULL
    CHECK (discipline IN ('product', 'engineering', 'legal', 'privacy', 'security')),
  owner TEXT NOT NULL CHECK (length(trim(owner)) > 0),
  review_interval_days INTEGER NOT NULL CHECK (review_interval_days BETWEEN 1 AND 1096),
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in-place', 'retired')),
  claim TEXT CHECK (claim IN ('customers-can-turn-off', 'no-customer-data-training',
    'no-training-across-accounts', 'no-serving-across-accounts', 'providers-do-not-train',
    'providers-keep-nothing', 'providers-under-dpa', 'person-has-final-say',
    'person-reviews-output', 'no-sensitive-data')),
  public_statement TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- A control's scope, one term per row: 'category:generative', 'audience:customers',
-- 'feature:reply-drafts'. No row: every feature. Within a dimension any term matches; a feature
-- is in scope when it matches every dimension the scope names.
CREATE TABLE control_scope (
  control_id INTEGER NOT NULL REFERENCES controls (id),
  term TEXT NOT NULL CHECK (term GLOB '?*:?*'),
  PRIMARY KEY (control_id, term)
);

-- Either a control the feature is not covered by, or a check rule whose finding is accepted.
CREATE TABLE control_exceptions (
  id INTEGER PRIMARY KEY,
  feature_id INTEGER NOT NULL REFERENCES features (id),
  control_id INTEGER REFERENCES controls (id),
  rule TEXT,
  not_covered TEXT NOT NULL CHECK (length(trim(not_covered)) > 0),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  discipline TEXT NOT NULL
    CHECK (discipline IN ('product', 'engineering', 'legal', 'privacy', 'security')),
  reviewer_id INTEGER NOT NULL REFERENCES reviewers (id),
  accepted_at TEXT NOT NULL,
  until TEXT NOT NULL,
  key_fingerprint TEXT,
  signature TEXT,
  CHECK ((control_id IS NULL) <> (rule IS NULL))
);

CREATE INDEX control_exceptions_feature ON control_exceptions (feature_id);

CREATE TRIGGER control_exceptions_no_update BEFORE UPDATE ON control_exceptions
BEGIN
  SELECT RAISE(ABORT, 'exceptions are signed and never edited');
END;

CREATE TRIGGER control_exceptions_no_delete BEFORE DELETE ON control_exceptions
BEGIN
  SELECT RAISE(ABORT, 'exceptions are signed and never edited');
END;
