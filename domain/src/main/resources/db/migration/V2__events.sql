-- Events (S7): what users did, sent by backends and clients, and what Herald itself observed
-- (push.token_invalidated, push.opened, geofence.*, auth.device_takeover). Automations start
-- from them; history outlives the user (GDPR delete keeps the rows with the user unlinked).
create table events (
    id               uuid primary key,
    org_id           uuid        not null references orgs (id) on delete cascade,
    app_id           uuid,
    user_id          uuid        references users (id) on delete set null,
    name             text        not null,
    properties       jsonb       not null default '{}',
    source           text        not null,
    idempotency_key  text,
    occurred_at      timestamptz not null,
    received_at      timestamptz not null
);
create index events_user_time on events (org_id, user_id, occurred_at desc);
create index events_name_time on events (org_id, name, occurred_at desc);
create unique index events_idempotency on events (org_id, idempotency_key) where idempotency_key is not null;
