-- Digests are claimed, posted outside any transaction, then recorded, as reminders are (V5): a row is
-- 'sending' while one instance (claimed_by) holds it until lease_until (epoch milliseconds), then 'sent';
-- a claim whose lease ran out is taken over once. Rows written before this script were sent.
alter table digest_deliveries add column state varchar(8) not null default 'sent';
alter table digest_deliveries add column claimed_by varchar(64);
alter table digest_deliveries add column lease_until bigint;
alter table digest_deliveries add column takeovers integer not null default 0;
