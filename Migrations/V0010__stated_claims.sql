-- aigov schema, version 10: no claim by default. Human oversight, final say and customer control
-- may be 'not-stated': a feature registered without them no longer records a favourable answer
-- (a person in the loop, the customer's final say) that nobody gave. Existing features keep
-- their values. Shipped migrations are never edited; a change to the schema is a new file.
--
-- The features table is rebuilt (SQLite cannot change a CHECK constraint); the migrator runs
-- every migration with foreign keys off and checks them before it commits.

CREATE TABLE features_v10 (
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
                         CHECK (training_use IN ('none', 'account-only', 'aggregated',
                                                 'de-identified')),
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
  CHECK (min_group_size IS NULL OR serving_use = 'cross-account'
         OR training_use IN ('aggregated', 'de-identified'))
) STRICT;

INSERT INTO features_v10 (
  id, key, name, description, purpose, category, serving_use, training_use, min_group_size,
  status, status_reason, unreviewed_status, owner, team, human_oversight, audience, final_say,
  customer_control, eu_ai_act_tier, review_interval_days, last_reviewed_at, created_at,
  updated_at, version, documentation_url)
SELECT
  id, key, name, description, purpose, category, serving_use, training_use, min_group_size,
  status, status_reason, unreviewed_status, owner, team, human_oversight, audience, final_say,
  customer_control, eu_ai_act_tier, review_interval_days, last_reviewed_at, created_at,
  updated_at, version, documentation_url
FROM features;

DROP TABLE features;
ALTER TABLE features_v10 RENAME TO features;

CREATE INDEX features_category ON features (category);
CREATE INDEX features_status ON features (status);
CREATE INDEX features_owner ON features (owner);
CREATE INDEX features_audience ON features (audience);
