-- The transactional outbox, shared by every owning service (shipped in memoria-common).
-- A row is written in the same transaction as the entity change; the relay publishes it and
-- sets sent_at only after the broker acknowledged it.
create table outbox_event (
    id             bigint generated always as identity primary key,
    event_id       uuid         not null unique,
    topic          varchar(200) not null,
    aggregate_type varchar(100) not null,
    aggregate_id   uuid         not null,
    event_type     varchar(200) not null,
    entity_version bigint       not null,
    payload        bytea,                      -- null: deletion tombstone
    created_at     timestamptz  not null default now(),
    sent_at        timestamptz
);
create index outbox_event_unsent on outbox_event (id) where sent_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;
