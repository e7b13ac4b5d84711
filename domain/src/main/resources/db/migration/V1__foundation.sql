-- Tenancy (S1): organisations own apps and server API keys.
create table orgs (
    id          uuid primary key,
    name        text        not null,
    created_at  timestamptz not null
);

create table apps (
    id                  uuid primary key,
    org_id              uuid        not null references orgs (id) on delete cascade,
    name                text        not null,
    jwt_secret_sealed   text        not null,
    jwks_url            text,
    default_timezone    text        not null,
    created_at          timestamptz not null,
    unique (org_id, name)
);
create index apps_org on apps (org_id);

-- Only a hash of the secret is stored; the key is shown once at creation.
create table api_keys (
    id           uuid primary key,
    org_id       uuid        not null references orgs (id) on delete cascade,
    name         text        not null,
    secret_hash  text        not null,
    scopes       text        not null,
    created_at   timestamptz not null,
    revoked_at   timestamptz
);
create index api_keys_org on api_keys (org_id);

-- Provider credentials per app, sealed with AES-256-GCM under a master key id (S1, S4).
create table provider_credentials (
    app_id       uuid        not null references apps (id) on delete cascade,
    kind         text        not null,
    settings     jsonb       not null,
    secret_sealed text       not null,
    fingerprint  text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    primary key (app_id, kind)
);

-- Users and devices (S2). Users are per org (one person across the org's apps), devices per app.
create table users (
    id               uuid primary key,
    org_id           uuid        not null references orgs (id) on delete cascade,
    external_id      text        not null,
    locale           text,
    timezone         text,
    country          text,
    tags             jsonb       not null default '{}',
    last_session_at  timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    unique (org_id, external_id)
);

create table devices (
    id               uuid primary key,
    org_id           uuid        not null references orgs (id) on delete cascade,
    app_id           uuid        not null references apps (id) on delete cascade,
    user_id          uuid        not null references users (id) on delete cascade,
    provider         text        not null,
    token            text        not null,
    web_push_p256dh  text,
    web_push_auth    text,
    platform         text,
    locale           text,
    timezone         text,
    app_version      text,
    enabled          boolean     not null,
    disabled_at      timestamptz,
    disabled_reason  text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    -- one token belongs to one user of an app
    unique (app_id, token)
);
create index devices_user on devices (user_id, id);

-- Sends (S3) and the per recipient-device ledger that makes delivery exactly-once.
create table sends (
    id               uuid primary key,
    org_id           uuid        not null references orgs (id) on delete cascade,
    status           text        not null,
    content          jsonb       not null,
    targeted_users   integer     not null,
    scheduled_for    timestamptz,
    created_at       timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz
);
create index sends_org_created on sends (org_id, created_at desc, id);

create table send_users (
    send_id  uuid not null references sends (id) on delete cascade,
    user_id  uuid not null,
    primary key (send_id, user_id)
);

create table deliveries (
    send_id              uuid        not null references sends (id) on delete cascade,
    device_id            uuid        not null,
    org_id               uuid        not null,
    app_id               uuid        not null,
    user_id              uuid        not null,
    provider             text        not null,
    channel              text        not null,
    status               text        not null,
    reason               text,
    provider_message_id  text,
    provider_status      integer,
    attempts             integer     not null default 0,
    created_at           timestamptz not null,
    sent_at              timestamptz,
    updated_at           timestamptz not null,
    primary key (send_id, device_id)
);

-- What the capture provider would have sent, for apps without credentials (S4).
create table captured_pushes (
    id          bigserial primary key,
    org_id      uuid        not null,
    app_id      uuid        not null,
    send_id     uuid        not null,
    device_id   uuid        not null,
    provider    text        not null,
    token       text        not null,
    headers     jsonb       not null,
    payload     jsonb       not null,
    captured_at timestamptz not null
);
create index captured_pushes_org on captured_pushes (org_id, id);
