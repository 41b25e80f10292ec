-- Dead letters: a change event the projector cannot apply (a payload that does not parse, a value PostgreSQL cannot
-- store, an id that names an entity of another kind…) is set aside here, in the transaction that moves past it, so
-- every other event keeps flowing. The record is kept whole (headers as text, the value as its bytes) so that it
-- can be applied again once the cause is fixed. One row per record (topic, partition, offset): a record met again
-- (redelivered, or replayed by a rebuild) counts another attempt on the same row.
create table dead_letter (
    id             bigint generated always as identity primary key,
    topic          varchar(200) not null,
    partition_no   int          not null,
    offset_no      bigint       not null,
    record_key     text,
    headers        jsonb        not null default '{}',
    event_type     text,
    subject        text,
    entity_version bigint,
    value          bytea,
    reason         text         not null,
    attempts       int          not null default 1,
    status         varchar(20)  not null default 'OPEN' check (status in ('OPEN', 'RESOLVED', 'DISCARDED')),
    resolution     text,
    first_failed_at timestamptz not null default now(),
    last_failed_at  timestamptz not null default now(),
    closed_at      timestamptz,
    unique (topic, partition_no, offset_no)
);
create index dead_letter_open on dead_letter (id) where status = 'OPEN';
create index dead_letter_subject on dead_letter (subject);

-- projection_failure kept only malformed payloads, without the record: carried over as dead letters.
insert into dead_letter (topic, partition_no, offset_no, record_key, subject, reason, first_failed_at, last_failed_at)
select topic, partition_no, offset_no, record_key, record_key, error, failed_at, failed_at
from projection_failure
on conflict (topic, partition_no, offset_no) do nothing;
drop table projection_failure;

-- Ids are unique across kinds: the first kind seen for an id keeps it, and a change of another kind with the same id
-- is a dead letter. Kept outside the tables a rebuild replaces, so that a rebuild (which reads the three topics in no
-- fixed order between them) decides every id as the live read model did. Seeded from the read model as it stands.
create table entity_claim (
    id         uuid primary key,
    kind       varchar(20) not null,
    claimed_at timestamptz not null default now()
);
insert into entity_claim (id, kind) select id, kind from entity;
