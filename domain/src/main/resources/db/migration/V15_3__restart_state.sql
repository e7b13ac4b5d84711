-- What the embedded Temporal service (runs in memory only) needs to rebuild runs after a restart.

-- An automation run's step began at this instant (its delay or wait is re-armed for what remains),
-- and these events were used by its waits (each event meets one wait only).
alter table automation_runs add column step_started_at timestamptz;
alter table automation_runs add column used_event_ids  text[] not null default '{}';

-- The timestamp of a live activity's latest pushed state: updates older than it stay stale.
alter table live_activities add column content_timestamp timestamptz;

-- The follow-up send of an auto-promoted A/B send points at its sample: one follow-up per sample.
alter table send_policies add column follow_up_of uuid;
create unique index send_policies_follow_up on send_policies (follow_up_of) where follow_up_of is not null;
