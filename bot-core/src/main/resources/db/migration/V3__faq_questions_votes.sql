-- Communities' own FAQ entries, the questions learners ask (no user ids: for the unanswered list
-- and the digest), and votes on answers (one per learner per answer).

create table faq_entries (
    id           varchar(12)  not null primary key,
    platform     varchar(32)  not null,
    community_id varchar(128) not null,
    question     varchar(500) not null,
    answer       varchar(2000) not null,
    created_at   varchar(20)  not null
);

create index faq_entries_community on faq_entries (platform, community_id);

create table questions (
    id           varchar(12)  not null primary key,
    platform     varchar(32)  not null,
    community_id varchar(128) not null,
    question     varchar(1000) not null,
    -- The question's analysed words, sorted: equal keys are the same question in other words.
    wording_key  varchar(1000) not null,
    answer_key   varchar(80),
    declined     integer      not null,
    voted_down   integer      not null,
    asked_at     varchar(20)  not null
);

create index questions_community_asked on questions (platform, community_id, asked_at);

create table answer_votes (
    platform     varchar(32)  not null,
    user_id      varchar(128) not null,
    question_id  varchar(12)  not null references questions (id) on delete cascade,
    answer_key   varchar(80)  not null,
    helpful      integer      not null,
    voted_at     varchar(20)  not null,
    primary key (platform, user_id, answer_key)
);

-- One row per weekly community digest handed to a platform; the key is (community, local ISO week).
create table digest_deliveries (
    platform     varchar(32)  not null,
    community_id varchar(128) not null,
    delivery_key varchar(40)  not null,
    sent_at      varchar(20)  not null,
    primary key (platform, community_id, delivery_key)
);
