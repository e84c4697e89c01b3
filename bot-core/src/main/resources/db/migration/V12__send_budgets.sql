-- Token buckets shared by every instance on one database: a bot's send budget (Telegram's 30 messages a
-- second) holds across them. Rows are written by the rate limiter, keyed by the platform's bucket id.
create table send_budgets (
    id    bigint not null primary key,
    state bytea
);
