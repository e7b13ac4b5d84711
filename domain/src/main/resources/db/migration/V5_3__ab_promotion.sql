-- Auto-promoted A/B sends try the variants on a sample of users; the others are suppressed in
-- the ledger with reason ab_holdout and get the winner from a follow-up send.
alter table send_policies add column sample_percent smallint check (sample_percent between 1 and 99);

-- Held-back users are read from the ledger (reason ab_holdout); this table was never written.
drop table ab_holdouts;

