-- Geofences (S7): regions clients arm; their transitions become geofence.* events.
create table geofences (
    id             uuid primary key,
    org_id         uuid             not null references orgs (id) on delete cascade,
    name           text             not null,
    latitude       double precision not null,
    longitude      double precision not null,
    radius_meters  integer          not null,
    triggers       text[]           not null,
    dwell_minutes  integer,
    priority       integer          not null,
    enabled        boolean          not null,
    created_at     timestamptz      not null,
    updated_at     timestamptz      not null
);
create index geofences_org on geofences (org_id, created_at, id);
create index geofences_org_position on geofences (org_id, latitude, longitude) where enabled;

-- Transitions that counted (after de-bouncing): for the de-bounce itself and per-fence counts.
create table geofence_transitions (
    id           bigserial primary key,
    org_id       uuid        not null,
    geofence_id  uuid        not null references geofences (id) on delete cascade,
    user_id      uuid        not null references users (id) on delete cascade,
    transition   text        not null,
    event_id     uuid        not null,
    occurred_at  timestamptz not null
);
create index geofence_transitions_user on geofence_transitions (geofence_id, user_id, transition, occurred_at desc);
create index geofence_transitions_time on geofence_transitions (geofence_id, occurred_at);
