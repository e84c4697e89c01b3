-- A reminder whose send went out but whose answer never came back (a read timeout) is recorded as
-- 'sent' with uncertain = 1: it may not have arrived, and it is not sent again (that risks a duplicate).
alter table reminder_deliveries add column uncertain integer not null default 0;
