-- aigov schema, version 5: what a company publishes about its AI. A feature's data use per purpose
-- (serving, and training of our own models), its audience, who has the final say on its output,
-- and "optional" as a customer control; a provider's DPA as yes, no or unknown with its date and
-- reference, and the provider it is reached through; a mitigation's public statement.
-- Shipped migrations are never edited; a change to the schema is a new V000N__name.sql file.
--
-- The features and providers tables are rebuilt (SQLite cannot drop a CHECK constraint); the
-- migrator runs every migration with foreign keys off and checks them before it commits.
--
-- How schema 4's values map (the README's "Upgrading" says the same):
--   processing_mode account-only, trains_models 0 -> serving account-only, training none
--   processing_mode account-only, trains_models 1 -> serving account-only, training account-only
--   processing_mode aggregated,   trains_models 1 -> serving account-only, training aggregated
--   processing_mode aggregated,   trains_models 0 -> serving cross-account, training none
--   min_aggregation_size -> min_group_size
--   customer_facing 1 -> audience end-consumers; 0 -> audience customers
--   human_oversight human-in-the-loop -> final say customer; otherwise -> none
--   dpa_signed_on set -> dpa yes (the date kept); unset -> dpa no

CREATE TABLE features_v5 (
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
  -- How serving a customer uses data: that account's only, or data across accounts.
  serving_use          TEXT NOT NULL CHECK (serving_use IN ('account-only', 'cross-account')),
  -- How customer data trains our own models.
  training_use         TEXT NOT NULL
                         CHECK (training_use IN ('none', 'account-only', 'aggregated',
                                                 'de-identified')),
  -- The smallest group data across accounts is aggregated into, where one is stated.
  min_group_size       INTEGER CHECK (min_group_size IS NULL OR min_group_size >= 2),
  status               TEXT NOT NULL DEFAULT 'proposed'
                         CHECK (status IN ('proposed', 'in-review', 'approved', 'launched',
                                           'suspended', 'retired')),
  status_reason        TEXT,
  unreviewed_status    TEXT
                         CHECK (unreviewed_status IS NULL
                                OR unreviewed_status IN ('approved', 'launched', 'suspended')),
  owner                TEXT NOT NULL CHECK (length(trim(owner)) > 0),
  team                 TEXT,
  human_oversight      TEXT NOT NULL
                         CHECK (human_oversight IN ('human-in-the-loop', 'human-on-the-loop',
                                                    'autonomous')),
  -- Who the feature is for: offered to customers, seen by their end-consumers, or an internal
  -- use of customer data by our staff.
  audience             TEXT NOT NULL CHECK (audience IN ('customers', 'end-consumers', 'internal')),
  -- Who has the final say on its output before it acts.
  final_say            TEXT NOT NULL CHECK (final_say IN ('customer', 'staff', 'none')),
  customer_control     TEXT NOT NULL
                         CHECK (customer_control IN ('opt-in', 'opt-out', 'always-on',
                                                     'optional')),
  eu_ai_act_tier       TEXT NOT NULL DEFAULT 'unassessed'
                         CHECK (eu_ai_act_tier IN ('unassessed', 'minimal', 'limited', 'high',
                                                   'prohibited')),
  review_interval_days INTEGER NOT NULL DEFAULT 90
                         CHECK (review_interval_days BETWEEN 1 AND 3650),
  last_reviewed_at     TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  version              INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- A group size describes data that crosses accounts.
  CHECK (min_group_size IS NULL OR serving_use = 'cross-account'
         OR training_use IN ('aggregated', 'de-identified'))
) STRICT;

INSERT INTO features_v5 (
  id, key, name, description, purpose, category, serving_use, training_use, min_group_size,
  status, status_reason, unreviewed_status, owner, team, human_oversight, audience, final_say,
  customer_control, eu_ai_act_tier, review_interval_days, last_reviewed_at, created_at,
  updated_at, version)
SELECT
  id, key, name, description, purpose, category,
  CASE WHEN processing_mode = 'aggregated' AND trains_models = 0 THEN 'cross-account'
       ELSE 'account-only' END,
  CASE WHEN trains_models = 0 THEN 'none'
       WHEN processing_mode = 'aggregated' THEN 'aggregated'
       ELSE 'account-only' END,
  min_aggregation_size,
  status, status_reason, unreviewed_status, owner, team, human_oversight,
  CASE WHEN customer_facing = 1 THEN 'end-consumers' ELSE 'customers' END,
  CASE WHEN human_oversight = 'human-in-the-loop' THEN 'customer' ELSE 'none' END,
  customer_control, eu_ai_act_tier, review_interval_days, last_reviewed_at, created_at,
  updated_at, version
FROM features;

DROP TABLE features;
ALTER TABLE features_v5 RENAME TO features;

CREATE INDEX features_category ON features (category);
CREATE INDEX features_status ON features (status);
CREATE INDEX features_owner ON features (owner);
CREATE INDEX features_audience ON features (audience);

CREATE TABLE providers_v5 (
  id                  INTEGER PRIMARY KEY,
  key                 TEXT NOT NULL UNIQUE
                        CHECK (length(key) BETWEEN 2 AND 64
                               AND key GLOB '[a-z0-9]*'
                               AND key NOT GLOB '*[^a-z0-9-]*'),
  name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind                TEXT NOT NULL CHECK (kind IN ('llm', 'ml-platform', 'internal')),
  subprocessor_listed INTEGER NOT NULL CHECK (subprocessor_listed IN (0, 1)),
  -- Whether a data processing agreement is in place; its date and reference where known.
  dpa                 TEXT NOT NULL CHECK (dpa IN ('yes', 'no', 'unknown')),
  dpa_signed_on       TEXT CHECK (dpa_signed_on IS NULL OR date(dpa_signed_on) IS dpa_signed_on),
  dpa_reference       TEXT,
  no_training         INTEGER NOT NULL CHECK (no_training IN (0, 1)),
  retention_days      INTEGER CHECK (retention_days IS NULL OR retention_days >= 0),
  regions             TEXT NOT NULL DEFAULT '',
  -- The provider whose platform serves this one's models (a vendor's model on a cloud platform).
  served_through      TEXT REFERENCES providers (key) ON DELETE RESTRICT,
  notes               TEXT NOT NULL DEFAULT '',
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK (dpa = 'yes' OR (dpa_signed_on IS NULL AND dpa_reference IS NULL)),
  CHECK (served_through IS NULL OR served_through <> key)
) STRICT;

INSERT INTO providers_v5 (
  id, key, name, kind, subprocessor_listed, dpa, dpa_signed_on, dpa_reference, no_training,
  retention_days, regions, served_through, notes, created_at, updated_at, version)
SELECT
  id, key, name, kind, subprocessor_listed,
  CASE WHEN dpa_signed_on IS NOT NULL THEN 'yes' ELSE 'no' END, dpa_signed_on, NULL,
  no_training, retention_days, regions, NULL, notes, created_at, updated_at, version
FROM providers;

DROP TABLE providers;
ALTER TABLE providers_v5 RENAME TO providers;

CREATE INDEX providers_served_through ON providers (served_through);

-- What the company publishes about a mitigation, on the public page while it is in place.
ALTER TABLE mitigations ADD COLUMN public_statement TEXT;
