-- Communities (a Discord server, a Telegram group, the console) with their admins' settings,
-- the community each learner last used the mentor in, and platform events already handled.

alter table learners add column community_id varchar(128);

create table communities (
    platform            varchar(32)  not null,
    community_id        varchar(128) not null,
    name                varchar(256) not null,
    time_zone           varchar(64)  not null,
    -- The conversation (channel, group chat) that gets the weekly digest and, on platforms that
    -- need it, reminders whose private delivery failed.
    digest_conversation varchar(128),
    digest_on           integer      not null,
    digest_day          varchar(9)   not null,
    digest_time         varchar(5)   not null,
    answer_mentions     integer      not null,
    welcomed_at         varchar(20),
    created_at          varchar(20)  not null,
    primary key (platform, community_id)
);

create table processed_events (
    platform     varchar(32)  not null,
    event_id     varchar(128) not null,
    processed_at varchar(20)  not null,
    primary key (platform, event_id)
);

create index processed_events_processed_at on processed_events (processed_at);
