-- Live Activities (iOS) and Live Updates (Android), S6. Each row is one activity on one device;
-- its workflow live-activity-<id> drives it, this row is its durable record and holds its token.
create table live_activities (
    id                  uuid primary key,
    org_id              uuid        not null references orgs (id) on delete cascade,
    app_id              uuid        not null references apps (id) on delete cascade,
    user_id             uuid        references users (id) on delete set null,
    device_id           uuid        references devices (id) on delete set null,
    -- the customer's own id for the activity (e.g. an order id), unique per app
    external_id         text,
    platform            text        not null,
    -- REMOTE: Herald sent the start push; LOCAL: the app started it and Herald adopted it
    origin              text        not null,
    activity_type       text        not null,
    attributes          jsonb       not null,
    content_state       jsonb       not null,
    stale_at            timestamptz,
    relevance_score     double precision,
    status              text        not null,
    end_reason          text,
    -- the per-activity APNs push token; null until the app reports it, and once APNs retires it
    update_token        text,
    update_token_at     timestamptz,
    pushes              integer     not null default 0,
    last_push_event     text,
    last_push_outcome   text,
    last_push_at        timestamptz,
    created_at          timestamptz not null,
    ended_at            timestamptz,
    updated_at          timestamptz not null
);
create unique index live_activities_external on live_activities (app_id, external_id) where external_id is not null;
create index live_activities_org_status on live_activities (org_id, status, created_at desc, id desc);

-- Push-to-start tokens (iOS 17.2+): one per device and ActivityAttributes type.
create table live_activity_start_tokens (
    device_id      uuid        not null references devices (id) on delete cascade,
    activity_type  text        not null,
    org_id         uuid        not null references orgs (id) on delete cascade,
    app_id         uuid        not null references apps (id) on delete cascade,
    token          text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    primary key (device_id, activity_type)
);
