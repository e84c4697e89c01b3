-- A digest whose post went out but whose answer never came back is recorded as 'sent' with uncertain = 1,
-- as reminders are (V7): it may not have appeared, and it is not posted again.
alter table digest_deliveries add column uncertain integer not null default 0;
