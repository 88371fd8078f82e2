-- aigov schema, version 6: governance after launch. Monitoring plans say what is measured about
-- a feature, how often, by whom and how; monitoring results are the measurements, history that is
-- never edited. Incidents record what went wrong with features (and the risks that came true):
-- when it happened, when the company became aware, how severe, whether it is a serious incident
-- under the EU AI Act or a personal-data breach, the reports made, and at closing its cause and
-- the corrective action.
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

-- serious_kind: the EU AI Act Art. 73 case that sets the deadline (general 15 days, death 10,
-- widespread infringement or critical infrastructure 2), null when not a serious incident.
-- hold_override: the reason last given for changing a feature materially while the authority
-- had not yet been told of this serious incident.
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL CHECK (category IN ('harmful-output', 'inaccurate-output',
    'personal-data-breach', 'security', 'prompt-injection', 'bias', 'availability', 'misuse',
    'other')),
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  occurred_at TEXT NOT NULL,
  aware_at TEXT NOT NULL,
  customer_impact TEXT NOT NULL DEFAULT '',
  serious_kind TEXT CHECK (serious_kind IN ('general', 'death', 'widespread')),
  personal_data_breach INTEGER NOT NULL DEFAULT 0 CHECK (personal_data_breach IN (0, 1)),
  authority_reported_at TEXT,
  breach_reported_at TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  cause TEXT,
  corrective_action TEXT,
  closed_at TEXT,
  hold_override TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (aware_at >= occurred_at),
  CHECK ((status = 'open' AND closed_at IS NULL)
      OR (status = 'closed' AND closed_at IS NOT NULL AND cause IS NOT NULL
          AND corrective_action IS NOT NULL))
);

CREATE TABLE incident_features (
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  feature_id INTEGER NOT NULL REFERENCES features (id),
  PRIMARY KEY (incident_id, feature_id)
);

CREATE INDEX incident_features_feature ON incident_features (feature_id);

CREATE TABLE incident_risks (
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  risk_id INTEGER NOT NULL REFERENCES risks (id),
  PRIMARY KEY (incident_id, risk_id)
);
