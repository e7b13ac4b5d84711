-- Delivery policies per app (S5): quiet hours in the recipient's local time and frequency caps.
-- The app's default time zone stays on apps.default_timezone.
create table app_settings (
    app_id                uuid        primary key references apps (id) on delete cascade,
    quiet_hours_start     smallint    check (quiet_hours_start between 0 and 23),
    quiet_hours_end       smallint    check (quiet_hours_end between 0 and 23),
    defer_in_quiet_hours  boolean     not null default false,
    freq_cap_per_hour     integer     check (freq_cap_per_hour >= 1),
    freq_cap_per_day      integer     check (freq_cap_per_day >= 1),
    updated_at            timestamptz not null,
    check ((quiet_hours_start is null) = (quiet_hours_end is null)),
    check (quiet_hours_start is null or quiet_hours_start <> quiet_hours_end)
);

-- Reusable message content with {{variables}} (S5).
create table templates (
    id          uuid primary key,
    org_id      uuid        not null references orgs (id) on delete cascade,
    name        text        not null,
    content     jsonb       not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (org_id, name)
);
create index templates_org_created on templates (org_id, created_at desc, id);

-- A/B tests (S5): variants with weights, a metric, an optional auto-promotion, the winner once declared.
create table ab_tests (
    id                  uuid primary key,
    org_id              uuid        not null references orgs (id) on delete cascade,
    name                text        not null,
    metric              text        not null,
    variants            jsonb       not null,
    auto_promote        jsonb,
    winner              text,
    winner_source       text,
    winner_declared_at  timestamptz,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create index ab_tests_org_created on ab_tests (org_id, created_at desc, id);

-- Which variant each experimental delivery carried, and whether it was opened or clicked:
-- per-variant stats count these rows.
alter table deliveries
    add column ab_test_id  uuid,
    add column variant     text,
    add column opened_at   timestamptz,
    add column clicked_at  timestamptz;
create index deliveries_ab_test on deliveries (ab_test_id, variant) where ab_test_id is not null;
