-- aigov schema, version 20: webhooks that aigov serve posts the events people act on to.
--
-- A webhook is a receiver's URL, the kinds of event it takes and the secret its messages are
-- signed with (Standard Webhooks: HMAC-SHA256). Registering and removing one is audited; the
-- secret never enters the trail or an export. The messages queued for each, every attempt to
-- deliver them and where the server's scan of the trail has reached are operational records of
-- the server, kept beside the inventory and not part of it.

CREATE TABLE webhooks (
  id          INTEGER PRIMARY KEY,
  url         TEXT NOT NULL CHECK (url GLOB 'http://?*' OR url GLOB 'https://?*'),
  events      TEXT NOT NULL CHECK (length(events) > 0),
  within_days INTEGER NOT NULL DEFAULT 7 CHECK (within_days BETWEEN 1 AND 365),
  secret      TEXT NOT NULL CHECK (secret GLOB 'whsec_?*'),
  status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;

CREATE TABLE webhook_messages (
  id           INTEGER PRIMARY KEY,
  webhook_id   INTEGER NOT NULL REFERENCES webhooks (id),
  message_id   TEXT NOT NULL,
  type         TEXT NOT NULL,
  payload      TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_attempt TEXT,
  status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'delivered', 'failed')),
  last_result  TEXT,
  delivered_at TEXT,
  UNIQUE (webhook_id, message_id)
) STRICT;

CREATE INDEX webhook_messages_due ON webhook_messages (status, next_attempt);

CREATE TABLE webhook_scan (
  webhook_id   INTEGER PRIMARY KEY REFERENCES webhooks (id),
  after_seq    INTEGER NOT NULL,
  check_errors TEXT NOT NULL DEFAULT '',
  deadlines_at TEXT
) STRICT;
