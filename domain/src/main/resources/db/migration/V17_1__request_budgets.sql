-- Request budgets per API key and per session (S10): fixed one-minute windows counted in
-- PostgreSQL, so every Herald instance charges the same counter. One row per caller and budget,
-- reused window after window. Unlogged: a counter lost in a crash only forgives one minute.
create unlogged table request_budget_windows (
    caller        text        not null,
    budget        text        not null,
    window_start  timestamptz not null,
    used          integer     not null,
    primary key (caller, budget)
);

-- An app's own budget for each of its sessions (null: the server's default).
alter table app_settings add column session_requests_per_minute integer;
