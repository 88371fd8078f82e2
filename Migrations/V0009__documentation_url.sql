-- aigov schema, version 9: a feature's page in the help centre, where customers read how to use
-- it. Optional; aigov accepts only an absolute https URL with a host (checked in AIGovKit, as
-- every text rule is), and the public page links to it.
-- Shipped migrations are never edited; a change to the schema is a new V000N__name.sql file.

ALTER TABLE features ADD COLUMN documentation_url TEXT
  CHECK (documentation_url IS NULL OR documentation_url LIKE 'https://_%');
