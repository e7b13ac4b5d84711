-- Why a send or an automation run failed, for the API (it was only in the server log), and how
-- many devices a send targeted when it started, so its progress can be answered from the
-- ledger once its workflow is gone.
alter table sends add column failure_reason text;
alter table sends add column targeted_devices integer;
alter table automation_runs add column failure_reason text;
