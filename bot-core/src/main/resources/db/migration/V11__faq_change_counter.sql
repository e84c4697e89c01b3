-- A counter every FAQ change moves on, in the change's own transaction: each instance polls it (every
-- second) and reloads its in-memory FAQ index when it moved, so an entry added on one reaches all.
create table faq_changes (
    id      integer not null primary key,
    version bigint  not null
);

insert into faq_changes (id, version) values (1, 0);
