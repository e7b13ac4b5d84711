-- Automations (S7): a definition per version; runs start on the version current at their start and keep it.
create table automations (
    id               uuid primary key,
    org_id           uuid        not null references orgs (id) on delete cascade,
    key              text        not null,
    name             text        not null,
    status           text        not null,
    current_version  integer     not null,
    trigger_event    text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    unique (org_id, key)
);
create index automations_trigger on automations (org_id, trigger_event) where status = 'ACTIVE';

create table automation_versions (
    id             uuid primary key,
    automation_id  uuid        not null references automations (id) on delete cascade,
    version        integer     not null,
    definition     jsonb       not null,
    listens_to     text[]      not null,
    created_at     timestamptz not null,
    unique (automation_id, version)
);

-- One row per run; the workflow automation-<key>-<userId>-<id> is the run itself.
create table automation_runs (
    id                bigserial primary key,
    org_id            uuid        not null references orgs (id) on delete cascade,
    automation_id     uuid        not null references automations (id) on delete cascade,
    version_id        uuid        not null references automation_versions (id),
    version           integer     not null,
    user_id           uuid        references users (id) on delete set null,
    external_user_id  text        not null,
    status            text        not null,
    current_step      text,
    trigger_event     text,
    trigger_event_id  uuid,
    payload           jsonb       not null,
    idempotency_key   text,
    workflow_id       text        not null unique,
    started_at        timestamptz not null,
    updated_at        timestamptz not null,
    finished_at       timestamptz
);
create index automation_runs_entry on automation_runs (automation_id, user_id, started_at desc);
create index automation_runs_waiting on automation_runs (org_id, user_id) where status = 'RUNNING';
create index automation_runs_org on automation_runs (org_id, id desc);
create unique index automation_runs_idempotency on automation_runs (automation_id, idempotency_key) where idempotency_key is not null;

-- The send each send_push step made, so a retried activity never makes a second one.
create table automation_run_sends (
    run_id   bigint not null references automation_runs (id) on delete cascade,
    step_id  text   not null,
    send_id  uuid   not null,
    primary key (run_id, step_id)
);
