-- aigov schema, version 6: monitoring after launch. Monitoring plans say what is measured about
-- a feature, how often, by whom and how; monitoring results are the measurements, history that is
-- never edited.
-- Shipped migrations are never edited; a change to the schema is a new V000N__name.sql file.

-- A metric has a direction and a threshold, written as decimals as given ('0.92', '250'), so
-- that a value is hashed and compared as the person wrote it; a check is judged by a person.
CREATE TABLE monitoring_plans (
  id INTEGER PRIMARY KEY,
  feature_id INTEGER NOT NULL REFERENCES features (id),
  metric TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('metric', 'check')),
  direction TEXT CHECK (direction IN ('at-least', 'at-most')),
  threshold TEXT,
  unit TEXT NOT NULL DEFAULT '',
  cadence_days INTEGER NOT NULL CHECK (cadence_days BETWEEN 1 AND 366),
  owner TEXT NOT NULL,
  method TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (feature_id, metric),
  CHECK ((kind = 'metric' AND direction IS NOT NULL AND threshold IS NOT NULL)
      OR (kind = 'check' AND direction IS NULL AND threshold IS NULL))
);

CREATE INDEX monitoring_plans_feature ON monitoring_plans (feature_id);

CREATE TABLE monitoring_results (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES monitoring_plans (id),
  measured_at TEXT NOT NULL,
  value TEXT,
  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
  evidence TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE INDEX monitoring_results_plan ON monitoring_results (plan_id, measured_at);

CREATE TRIGGER monitoring_results_no_update BEFORE UPDATE ON monitoring_results
BEGIN
  SELECT RAISE(ABORT, 'monitoring results are history and are never edited');
END;

CREATE TRIGGER monitoring_results_no_delete BEFORE DELETE ON monitoring_results
BEGIN
  SELECT RAISE(ABORT, 'monitoring results are history and are never edited');
END;
