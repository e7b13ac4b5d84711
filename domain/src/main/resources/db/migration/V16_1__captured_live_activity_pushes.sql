-- Live Activity pushes of apps without credentials are captured too (S4): a captured push
-- belongs to a send or to a live activity, never to both.
alter table captured_pushes alter column send_id drop not null;
alter table captured_pushes add column live_activity_id uuid;
alter table captured_pushes add constraint captured_pushes_of_send_or_activity
    check ((send_id is null) <> (live_activity_id is null));
