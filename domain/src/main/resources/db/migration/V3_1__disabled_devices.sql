-- Token lifecycle (S4): the hourly cleanup finds devices disabled longer than the grace period.
create index devices_disabled_at on devices (disabled_at) where not enabled;
