-- Callers' Idempotency-Keys of REST-started runs are stored as request:<key>, apart from the
-- event:<eventId> keys of runs events started (those always have a trigger event id).
update automation_runs set idempotency_key = 'request:' || idempotency_key
where idempotency_key is not null and trigger_event_id is null;
