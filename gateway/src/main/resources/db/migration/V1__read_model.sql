-- The gateway's read model: projections of the three owners' change events.
-- Every row carries the entity version it reflects; an event applies only if its version is newer.
-- A deletion keeps the row (deleted = true) so that a replayed older event cannot resurrect it.

create table person_view (
    id             uuid primary key,
    version        bigint      not null,
    deleted        boolean     not null default false,
    preferred_name varchar(300),
    birth_edtf     varchar(200),
    birth_earliest date,
    death_edtf     varchar(200),
    death_earliest date,
    doc            jsonb,
    projected_at   timestamptz not null default now()
);
create index person_view_name on person_view (lower(preferred_name)) where not deleted;

create table event_view (
    id            uuid primary key,
    version       bigint      not null,
    deleted       boolean     not null default false,
    title         varchar(500),
    type          varchar(40),
    date_edtf     varchar(200),
    date_earliest date,
    date_latest   date,
    place_name    varchar(300),
    doc           jsonb,
    projected_at  timestamptz not null default now()
);
create index event_view_timeline on event_view (date_earliest, title, id) where not deleted;

create table event_participant (
    event_id  uuid        not null references event_view (id) on delete cascade,
    position  int         not null,
    person_id uuid        not null,
    role      varchar(40) not null,
    primary key (event_id, position)
);
create index event_participant_person on event_participant (person_id);

create table source_view (
    id            uuid primary key,
    version       bigint      not null,
    deleted       boolean     not null default false,
    title         varchar(500),
    type          varchar(40),
    date_edtf     varchar(200),
    date_earliest date,
    doc           jsonb,
    projected_at  timestamptz not null default now()
);

create table source_author (
    source_id uuid not null references source_view (id) on delete cascade,
    position  int  not null,
    person_id uuid not null,
    primary key (source_id, position)
);
create index source_author_person on source_author (person_id);

-- Events the projector could not apply (malformed payload): kept, never silently dropped.
create table projection_failure (
    id           bigint generated always as identity primary key,
    topic        varchar(200) not null,
    partition_no int          not null,
    offset_no    bigint       not null,
    record_key   varchar(200),
    error        text         not null,
    failed_at    timestamptz  not null default now()
);
