-- aigov schema, version 13: a risk's mitigation may be a company control. A mitigation that names
-- a control is that control, as kept for the feature whose risk it lowers: `check` holds it to the
-- control's status, scope and exceptions. Shipped migrations are never edited; a change to the
-- schema is a new file.

ALTER TABLE mitigations ADD COLUMN control TEXT REFERENCES controls (key);

CREATE INDEX mitigations_control ON mitigations (control) WHERE control IS NOT NULL;
