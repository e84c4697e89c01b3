-- A reminder is claimed, then sent outside any transaction, then recorded: a row is 'sending' while
-- its claim is held by one instance (claimed_by) until lease_until (epoch milliseconds), then 'sent'.
-- A claim whose lease ran out (its owner died mid-send) may be taken over once (takeovers).
-- While sending, sent_at holds when the attempt began; once sent, when it was recorded.
-- Rows written before this script were sent.
alter table reminder_deliveries add column state varchar(8) not null default 'sent';
alter table reminder_deliveries add column claimed_by varchar(64);
alter table reminder_deliveries add column lease_until bigint;
alter table reminder_deliveries add column takeovers integer not null default 0;
