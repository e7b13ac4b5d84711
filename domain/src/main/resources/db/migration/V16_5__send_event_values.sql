-- The values a send supplies for {{event.*}} placeholders (POST /v1/sends "event"), as the event
-- that triggers an automation's push would.
alter table send_policies add column event jsonb not null default '{}';
