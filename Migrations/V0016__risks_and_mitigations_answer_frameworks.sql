-- aigov schema, version 16: a feature's risks and mitigations answer frameworks too. A risk names
-- the entries of risk taxonomies it is an instance of (OWASP Top 10 for LLM applications, MITRE
-- ATLAS, NIST AI 600-1) as FRAMEWORK:ID separated by ", ", in order, NULL while it names none;
-- and a mitigation maps to requirements of a framework assessed feature by feature, as a
-- company control maps to any framework.
-- Shipped migrations are never edited; a change to the schema is a new file.

ALTER TABLE risks ADD COLUMN taxonomy TEXT CHECK (taxonomy IS NULL OR length(taxonomy) > 0);

-- AUTOINCREMENT: a mapping removed and made again gets a new number, so that the trail's number
-- for a mapping never names two.
CREATE TABLE mitigation_mappings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  mitigation_id INTEGER NOT NULL REFERENCES mitigations (id),
  framework TEXT NOT NULL CHECK (length(framework) > 0),
  requirement TEXT NOT NULL CHECK (length(requirement) > 0),
  relationship TEXT NOT NULL
    CHECK (relationship IN ('equal', 'subset', 'superset', 'intersects')),
  rationale TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
  UNIQUE (mitigation_id, framework, requirement)
);
