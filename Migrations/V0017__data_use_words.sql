-- aigov schema, version 17: the data-use words real AI pages use.
--
-- A feature's training use becomes a set of sources (none, or any of account-only, aggregated,
-- de-identified, anonymised and synthetic), stored as its terms in their order joined by commas:
-- every value schema 16 held is a set of one and keeps its text. New optional fields say how a
-- model is adapted to one account and whether the customer must enable it, whether the
-- feature's providers all receive its data or are alternatives, what the account-wide AI switch
-- does to it, and what it keeps for an account, where, and when that is deleted; NULL while not
-- stated, so no existing feature claims anything it did not.
--
-- The features table is rebuilt (SQLite cannot change a CHECK constraint); the migrator runs
-- every migration with foreign keys off and checks them before it commits.

CREATE TABLE features_v17 (
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
  serving_use          TEXT NOT NULL CHECK (serving_use IN ('account-only', 'cross-account')),
  training_use         TEXT NOT NULL
                         CHECK (training_use IN (
                           'none', 'account-only', 'aggregated', 'de-identified', 'anonymised',
                           'synthetic', 'account-only,aggregated', 'account-only,de-identified',
                           'account-only,anonymised', 'account-only,synthetic',
                           'aggregated,de-identified', 'aggregated,anonymised',
                           'aggregated,synthetic', 'de-identified,anonymised',
                           'de-identified,synthetic', 'anonymised,synthetic',
                           'account-only,aggregated,de-identified',
                           'account-only,aggregated,anonymised',
                           'account-only,aggregated,synthetic',
                           'account-only,de-identified,anonymised',
                           'account-only,de-identified,synthetic',
                           'account-only,anonymised,synthetic',
                           'aggregated,de-identified,anonymised',
                           'aggregated,de-identified,synthetic', 'aggregated,anonymised,synthetic',
                           'de-identified,anonymised,synthetic',
                           'account-only,aggregated,de-identified,anonymised',
                           'account-only,aggregated,de-identified,synthetic',
                           'account-only,aggregated,anonymised,synthetic',
                           'account-only,de-identified,anonymised,synthetic',
                           'aggregated,de-identified,anonymised,synthetic',
                           'account-only,aggregated,de-identified,anonymised,synthetic')),
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
                                                    'autonomous', 'not-stated')),
  audience             TEXT NOT NULL CHECK (audience IN ('customers', 'end-consumers', 'internal')),
  final_say            TEXT NOT NULL
                         CHECK (final_say IN ('customer', 'staff', 'none', 'not-stated')),
  customer_control     TEXT NOT NULL
                         CHECK (customer_control IN ('opt-in', 'opt-out', 'always-on',
                                                     'optional', 'not-stated')),
  eu_ai_act_tier       TEXT NOT NULL DEFAULT 'unassessed'
                         CHECK (eu_ai_act_tier IN ('unassessed', 'minimal', 'limited', 'high',
                                                   'prohibited')),
  review_interval_days INTEGER NOT NULL DEFAULT 90
                         CHECK (review_interval_days BETWEEN 1 AND 3650),
  last_reviewed_at     TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  version              INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  documentation_url    TEXT
                         CHECK (documentation_url IS NULL OR documentation_url LIKE 'https://_%'),
  eu_ai_act_role       TEXT
                         CHECK (eu_ai_act_role IS NULL OR eu_ai_act_role IN ('provider', 'deployer')),
  annex_iii            TEXT,
  adaptation           TEXT
                         CHECK (adaptation IS NULL OR adaptation IN (
                           'none', 'fine-tuning', 'retrieval-index', 'embeddings',
                           'fine-tuning,retrieval-index', 'fine-tuning,embeddings',
                           'retrieval-index,embeddings', 'fine-tuning,retrieval-index,embeddings')),
  adaptation_consent   TEXT
                         CHECK (adaptation_consent IS NULL
                                OR adaptation_consent IN ('customer-enables', 'on-by-default')),
  provider_choice      TEXT
                         CHECK (provider_choice IS NULL
                                OR provider_choice IN ('all-used', 'customer-chooses',
                                                       'company-routes')),
  account_switch       TEXT
                         CHECK (account_switch IS NULL
                                OR account_switch IN ('turns-off', 'keeps-running')),
  kept_data            TEXT
                         CHECK (kept_data IS NULL OR kept_data IN (
                           'none', 'outputs', 'embeddings', 'models', 'outputs,embeddings',
                           'outputs,models', 'embeddings,models', 'outputs,embeddings,models')),
  kept_where           TEXT,
  kept_deletion        TEXT
                         CHECK (kept_deletion IS NULL OR kept_deletion IN (
                           'none', 'with-account', 'on-request', 'with-account,on-request')),
  kept_days            INTEGER CHECK (kept_days IS NULL OR kept_days BETWEEN 1 AND 3650),
  CHECK (min_group_size IS NULL OR serving_use = 'cross-account'
         OR training_use GLOB '*aggregated*' OR training_use GLOB '*de-identified*'
         OR training_use GLOB '*anonymised*')
) STRICT;

INSERT INTO features_v17 (
  id, key, name, description, purpose, category, serving_use, training_use, min_group_size,
  status, status_reason, unreviewed_status, owner, team, human_oversight, audience, final_say,
  customer_control, eu_ai_act_tier, review_interval_days, last_reviewed_at, created_at,
  updated_at, version, documentation_url, eu_ai_act_role, annex_iii)
SELECT
  id, key, name, description, purpose, category, serving_use, training_use, min_group_size,
  status, status_reason, unreviewed_status, owner, team, human_oversight, audience, final_say,
  customer_control, eu_ai_act_tier, review_interval_days, last_reviewed_at, created_at,
  updated_at, version, documentation_url, eu_ai_act_role, annex_iii
FROM features;

DROP TABLE features;
ALTER TABLE features_v17 RENAME TO features;

CREATE INDEX features_category ON features (category);
CREATE INDEX features_status ON features (status);
CREATE INDEX features_owner ON features (owner);
CREATE INDEX features_audience ON features (audience);
