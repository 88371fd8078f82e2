-- aigov schema, version 14: frameworks. The catalogues of frameworks (a law, a standard, a risk
-- framework) ship in the binary and are never stored; what is stored is how the company answers
-- them: each control's mappings to requirements, the decisions that a requirement does or does
-- not apply (with the justification), and each feature's EU AI Act role and Annex III point.
-- Shipped migrations are never edited; a change to the schema is a new file.

-- A control's answers to framework requirements; part of the control's record in the trail.
CREATE TABLE control_mappings (
  control_id INTEGER NOT NULL REFERENCES controls (id),
  framework TEXT NOT NULL CHECK (length(framework) > 0),
  requirement TEXT NOT NULL CHECK (length(requirement) > 0),
  relationship TEXT NOT NULL
    CHECK (relationship IN ('equal', 'subset', 'superset', 'intersects')),
  rationale TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
  PRIMARY KEY (control_id, framework, requirement)
);

-- That a requirement does (1) or does not (0) apply, to one feature or (feature_id NULL) to the
-- company, and why. Never edited: a later decision on the same requirement replaces it.
CREATE TABLE applicability_decisions (
  id INTEGER PRIMARY KEY,
  framework TEXT NOT NULL CHECK (length(framework) > 0),
  requirement TEXT NOT NULL CHECK (length(requirement) > 0),
  feature_id INTEGER REFERENCES features (id),
  applicable INTEGER NOT NULL CHECK (applicable IN (0, 1)),
  justification TEXT NOT NULL CHECK (length(trim(justification)) > 0),
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
);

CREATE INDEX applicability_decisions_requirement
  ON applicability_decisions (framework, requirement, feature_id);

CREATE TRIGGER applicability_decisions_no_update BEFORE UPDATE ON applicability_decisions
BEGIN
  SELECT RAISE(ABORT, 'an applicability decision is never edited: record a new one');
END;

CREATE TRIGGER applicability_decisions_no_delete BEFORE DELETE ON applicability_decisions
BEGIN
  SELECT RAISE(ABORT, 'an applicability decision is never edited: record a new one');
END;

-- The part the company plays for the feature under the EU AI Act, and for a high-risk use the
-- Annex III point; NULL while not stated.
ALTER TABLE features ADD COLUMN eu_ai_act_role TEXT
  CHECK (eu_ai_act_role IS NULL OR eu_ai_act_role IN ('provider', 'deployer'));
ALTER TABLE features ADD COLUMN annex_iii TEXT;
