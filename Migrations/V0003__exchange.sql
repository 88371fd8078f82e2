-- aigov schema, version 3: what exchange with other inventories needs. Text a feature arrived with
-- from another inventory's format, kept with it as it came, and the mark of a feature that arrived
-- approved or launched without a review in this database.
-- Shipped migrations are never edited; a change to the schema is a new V000N__name.sql file.

-- The status a feature arrived with by import that no review in this database has earned
-- (approved, launched or suspended); cleared when a review round here approves the feature.
ALTER TABLE features ADD COLUMN unreviewed_status TEXT
  CHECK (unreviewed_status IS NULL OR unreviewed_status IN ('approved', 'launched', 'suspended'));

-- Cells of an imported row that have no column of their own here, by the name the import gave
-- them (for example `omb-2025.topic_area`), so that nothing a source said is dropped.
CREATE TABLE feature_attributes (
  feature_id INTEGER NOT NULL REFERENCES features (id) ON DELETE CASCADE,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
  value      TEXT NOT NULL,
  PRIMARY KEY (feature_id, name)
) STRICT, WITHOUT ROWID;
