-- Open tracking finds the automation step of an opened send by its id.
create index automation_run_sends_send on automation_run_sends (send_id);
