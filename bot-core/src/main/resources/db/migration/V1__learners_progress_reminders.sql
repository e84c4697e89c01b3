-- Learners, their goal completions and their reminder deliveries.
-- Portable SQL (SQLite and PostgreSQL): text keys made by the application, instants as
-- ISO-8601 UTC text ("2026-11-23T08:00:00Z"), local dates as "2026-11-23", flags as integers.

create table learners (
    id                  varchar(36)  not null primary key,
    platform            varchar(32)  not null,
    platform_user_id    varchar(128) not null,
    display_name        varchar(256) not null,
    time_zone           varchar(64)  not null,
    current_week        integer      not null,
    start_date          varchar(10)  not null,
    reminder_day        varchar(9)   not null,
    reminder_time       varchar(5)   not null,
    reminder_state      varchar(8)   not null,
    paused_until        varchar(10),
    snoozed_until       varchar(20),
    enrolled_at         varchar(20)  not null,
    constraint learners_platform_user unique (platform, platform_user_id),
    constraint learners_reminder_state check (reminder_state in ('on', 'paused', 'off'))
);

create table goal_completions (
    learner_id   varchar(36) not null references learners (id) on delete cascade,
    goal_id      varchar(64) not null,
    completed_at varchar(20) not null,
    primary key (learner_id, goal_id)
);

-- One row per reminder actually handed to a platform. The primary key is the idempotency key:
-- (learner, local ISO week) for the weekly reminder, with a suffix for a snoozed repeat.
create table reminder_deliveries (
    learner_id   varchar(36) not null references learners (id) on delete cascade,
    delivery_key varchar(40) not null,
    due_at       varchar(20) not null,
    sent_at      varchar(20) not null,
    late         integer     not null,
    primary key (learner_id, delivery_key)
);

create index reminder_deliveries_sent_at on reminder_deliveries (sent_at);
