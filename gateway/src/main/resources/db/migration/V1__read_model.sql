-- The gateway's read model: the owners' change events, projected.
-- entity: the latest state of every entity of every kind (doc = the event payload), with what views sort and
--         filter on. A deletion keeps the row (deleted = true) so that a replayed older event cannot resurrect it.
-- link:   every reference an entity's state makes to another entity (participant, author, member, place…),
--         replaced whenever the entity's state is. A link whose target has no live entity row is unresolved.
-- Every row carries the entity version it reflects; an event applies only if its version is newer.

create table entity (
    id            uuid primary key,
    kind          varchar(20)  not null,
    version       bigint       not null,
    deleted       boolean      not null default false,
    label         varchar(2000),
    subtype       varchar(40),
    date_edtf     varchar(200),
    date_earliest date,
    date_latest   date,
    end_edtf      varchar(200),
    end_earliest  date,
    end_latest    date,
    doc           jsonb,
    projected_at  timestamptz  not null default now()
);
create index entity_kind_label on entity (kind, lower(label), id) where not deleted;
create index entity_kind_date on entity (kind, date_earliest, date_latest, label, id) where not deleted;

create table link (
    from_id   uuid        not null,
    position  int         not null,
    link      varchar(30) not null,
    to_kind   varchar(20) not null,
    to_id     uuid        not null,
    role      varchar(200),
    primary key (from_id, position)
);
create index link_to on link (to_id, link);

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
