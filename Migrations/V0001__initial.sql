-- aigov schema, version 1: the inventory (features, data categories, providers, links, risks,
-- mitigations), the reviewers, and the append-only audit trail.
-- Shipped migrations are never edited; a change to the schema is a new V000N__name.sql file.

CREATE TABLE features (
  id                   INTEGER PRIMARY KEY,
  key                  TEXT NOT NULL UNIQUE
                         CHECK (length(key) BETWEEN 2 AND 64
                                AND key GLOB '[a-z0-9]*'
                                AND key NOT GLOB '*[^a-z0-9-]*'),
  name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
  description          TEXT NOT NULL DEFAULT '',
  purpose              TEXT NOT NULL CHECK (length(trim(purpose)) > 0),
  category             TEXT NOT NULL
                         CHECK (category IN ('agentic', 'predictive', 'generative', 'automation')),
  processing_mode      TEXT NOT NULL CHECK (processing_mode IN ('account-only', 'aggregated')),
  status               TEXT NOT NULL DEFAULT 'proposed'
                         CHECK (status IN ('proposed', 'in-review', 'approved', 'launched',
                                           'suspended', 'retired')),
  owner                TEXT NOT NULL CHECK (length(trim(owner)) > 0),
  team                 TEXT,
  human_oversight      TEXT NOT NULL
                         CHECK (human_oversight IN ('human-in-the-loop', 'human-on-the-loop',
                                                    'autonomous')),
  customer_facing      INTEGER NOT NULL CHECK (customer_facing IN (0, 1)),
  customer_control     TEXT NOT NULL
                         CHECK (customer_control IN ('opt-in', 'opt-out', 'always-on')),
  trains_models        INTEGER NOT NULL CHECK (trains_models IN (0, 1)),
  min_aggregation_size INTEGER CHECK (min_aggregation_size IS NULL OR min_aggregation_size >= 2),
  eu_ai_act_tier       TEXT NOT NULL DEFAULT 'unassessed'
                         CHECK (eu_ai_act_tier IN ('unassessed', 'minimal', 'limited', 'high',
                                                   'prohibited')),
  review_interval_days INTEGER NOT NULL DEFAULT 90
                         CHECK (review_interval_days BETWEEN 1 AND 3650),
  last_reviewed_at     TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  version              INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- An aggregate must never describe fewer than k people; only aggregated features have a k.
  CHECK ((processing_mode = 'aggregated') = (min_aggregation_size IS NOT NULL))
) STRICT;

CREATE INDEX features_category ON features (category);
CREATE INDEX features_processing_mode ON features (processing_mode);
CREATE INDEX features_status ON features (status);
CREATE INDEX features_owner ON features (owner);

CREATE TABLE feature_data_categories (
  feature_id INTEGER NOT NULL REFERENCES features (id) ON DELETE CASCADE,
  category   TEXT NOT NULL
               CHECK (category IN ('customer-personal-data', 'contact-info', 'behavioral',
                                   'purchase-history', 'message-content', 'aggregated-statistics',
                                   'special-category', 'health', 'government-id',
                                   'financial-account', 'children')),
  PRIMARY KEY (feature_id, category)
) STRICT, WITHOUT ROWID;

CREATE TABLE providers (
  id                  INTEGER PRIMARY KEY,
  key                 TEXT NOT NULL UNIQUE
                        CHECK (length(key) BETWEEN 2 AND 64
                               AND key GLOB '[a-z0-9]*'
                               AND key NOT GLOB '*[^a-z0-9-]*'),
  name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind                TEXT NOT NULL CHECK (kind IN ('llm', 'ml-platform', 'internal')),
  subprocessor_listed INTEGER NOT NULL CHECK (subprocessor_listed IN (0, 1)),
  dpa_signed_on       TEXT CHECK (dpa_signed_on IS NULL OR date(dpa_signed_on) IS dpa_signed_on),
  no_training         INTEGER NOT NULL CHECK (no_training IN (0, 1)),
  retention_days      INTEGER CHECK (retention_days IS NULL OR retention_days >= 0),
  regions             TEXT NOT NULL DEFAULT '',
  notes               TEXT NOT NULL DEFAULT '',
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;

CREATE TABLE feature_providers (
  feature_id  INTEGER NOT NULL REFERENCES features (id) ON DELETE CASCADE,
  provider_id INTEGER NOT NULL REFERENCES providers (id) ON DELETE RESTRICT,
  model       TEXT NOT NULL DEFAULT '',
  purpose     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (feature_id, provider_id, model)
) STRICT, WITHOUT ROWID;

CREATE INDEX feature_providers_provider ON feature_providers (provider_id);

CREATE TABLE risks (
  id                  INTEGER PRIMARY KEY,
  feature_id          INTEGER NOT NULL REFERENCES features (id) ON DELETE CASCADE,
  title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description         TEXT NOT NULL DEFAULT '',
  category            TEXT NOT NULL
                        CHECK (category IN ('privacy', 'security', 'bias-fairness',
                                            'accuracy-hallucination', 'intellectual-property',
                                            'harmful-content', 'transparency', 'regulatory',
                                            'reliability', 'misuse')),
  likelihood          INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact              INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
  status              TEXT NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'mitigating', 'mitigated', 'accepted',
                                          'closed')),
  owner               TEXT NOT NULL CHECK (length(trim(owner)) > 0),
  residual_likelihood INTEGER CHECK (residual_likelihood IS NULL
                                     OR residual_likelihood BETWEEN 1 AND 5),
  residual_impact     INTEGER CHECK (residual_impact IS NULL OR residual_impact BETWEEN 1 AND 5),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK ((residual_likelihood IS NULL) = (residual_impact IS NULL))
) STRICT;

CREATE INDEX risks_feature ON risks (feature_id);
CREATE INDEX risks_status ON risks (status);

CREATE TABLE mitigations (
  id          INTEGER PRIMARY KEY,
  risk_id     INTEGER NOT NULL REFERENCES risks (id) ON DELETE CASCADE,
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description TEXT NOT NULL DEFAULT '',
  kind        TEXT NOT NULL CHECK (kind IN ('technical', 'process', 'contractual')),
  status      TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'in-progress', 'implemented', 'verified')),
  evidence    TEXT,
  owner       TEXT NOT NULL CHECK (length(trim(owner)) > 0),
  due_on      TEXT CHECK (due_on IS NULL OR date(due_on) IS due_on),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;

CREATE INDEX mitigations_risk ON mitigations (risk_id);

CREATE TABLE reviewers (
  id         INTEGER PRIMARY KEY,
  handle     TEXT NOT NULL UNIQUE
               CHECK (length(handle) BETWEEN 2 AND 64
                      AND handle GLOB '[a-z0-9]*'
                      AND handle NOT GLOB '*[^a-z0-9._-]*'),
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  email      TEXT NOT NULL CHECK (email LIKE '_%@_%'),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE reviewer_disciplines (
  reviewer_id INTEGER NOT NULL REFERENCES reviewers (id) ON DELETE CASCADE,
  discipline  TEXT NOT NULL
                CHECK (discipline IN ('product', 'engineering', 'legal', 'privacy', 'security')),
  PRIMARY KEY (reviewer_id, discipline)
) STRICT, WITHOUT ROWID;

-- The audit trail. Each event's hash is SHA-256 over its canonical JSON, which includes the
-- previous event's hash; `aigov audit verify` recomputes the chain.
CREATE TABLE audit_events (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  before     TEXT,
  after      TEXT,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;

CREATE INDEX audit_events_entity ON audit_events (entity, entity_key);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
