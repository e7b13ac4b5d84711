-- What a send personalises and how policies treat it (S3, S5): transactional sends bypass quiet
-- hours and caps; the message (from a template or inline, with localized versions and
-- {{variables}}) is rendered per recipient; an A/B test gives each user a sticky variant.
-- A send without a row is a plain, non-transactional send of its content.
create table send_policies (
    send_id         uuid primary key references sends (id) on delete cascade,
    transactional   boolean not null default false,
    message         jsonb   not null,
    variables       jsonb   not null default '{}',
    template_id     uuid,
    ab_test_id      uuid,
    variants        jsonb,
    forced_variant  text
);

-- The users of an auto-promoted A/B send kept back for the winner.
create table ab_holdouts (
    send_id  uuid not null references sends (id) on delete cascade,
    user_id  uuid not null,
    primary key (send_id, user_id)
);

-- Frequency caps look back over a user's accepted pushes per app.
create index deliveries_user_sent on deliveries (user_id, app_id, sent_at) where status = 'ACCEPTED';

-- Open and click tracking (S8) stamps the ledger; the action button clicked, if any.
alter table deliveries add column clicked_action text;
