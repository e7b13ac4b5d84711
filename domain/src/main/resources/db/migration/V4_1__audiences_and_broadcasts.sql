-- Saved audiences (S3): a filter over user properties, tags and devices, evaluated at send time.
create table segments (
    id          uuid primary key,
    org_id      uuid        not null references orgs (id) on delete cascade,
    name        text        not null,
    filter      jsonb       not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index segments_org on segments (org_id, created_at desc, id);

-- What a send targets: users (userIds, CSV), devices (raw tokens) or an audience filter,
-- frozen into the send when it starts. Plus local-time delivery and an optional pace.
alter table sends add column target_kind            text not null default 'USERS';
alter table sends add column segment_id             uuid;
alter table sends add column audience               jsonb;
alter table sends add column deliver_at_local_time  text;
alter table sends add column rate_per_second        integer;
alter table sends add column recurring_send_id      uuid;

create table send_devices (
    send_id    uuid not null references sends (id) on delete cascade,
    device_id  uuid not null,
    primary key (send_id, device_id)
);

-- Deferred ledger rows (local-time delivery, quiet hours) wait for this instant; it stays set
-- after they come due, so a retried page of a deferred group finds them again.
alter table deliveries add column deliver_at timestamptz;
create index deliveries_deferred on deliveries (send_id, deliver_at, device_id) where deliver_at is not null;

-- Broadcasts walk an org's devices in id order.
create index devices_org_id on devices (org_id, id);

-- Idempotency-Key on POST /v1/sends: one send per (org, key) within 24 h.
create table send_idempotency_keys (
    org_id        uuid        not null references orgs (id) on delete cascade,
    key           text        not null,
    send_id       uuid        not null,
    request_hash  text        not null,
    created_at    timestamptz not null,
    primary key (org_id, key)
);

-- Recurring sends (S3): a send request replayed by a Temporal Schedule.
create table recurring_sends (
    id          uuid primary key,
    org_id      uuid        not null references orgs (id) on delete cascade,
    name        text        not null,
    cron        text,
    interval_seconds bigint,
    time_zone   text,
    request     jsonb       not null,
    paused      boolean     not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index recurring_sends_org on recurring_sends (org_id, created_at desc, id);
