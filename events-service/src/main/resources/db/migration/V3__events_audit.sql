-- Hibernate Envers audit tables: every revision of an event, of its participants, of a place and of its names.
create table event_aud (
    id              uuid     not null,
    rev             bigint   not null references revision (id),
    revtype         smallint,
    version         bigint,
    title           varchar(500),
    type            varchar(30),
    date_edtf       varchar(200),
    date_earliest   date,
    date_latest     date,
    place_id        uuid,
    place_name      varchar(300),
    description     text,
    parent_event_id uuid,
    created_at      timestamptz,
    updated_at      timestamptz,
    primary key (id, rev)
);

-- Envers identifies a row by all its columns, some of which are null here (person or organisation, note), so
-- the table has no primary key; Envers only ever inserts into it.
create table event_participant_aud (
    rev             bigint      not null references revision (id),
    revtype         smallint,
    event_id        uuid        not null,
    position        int         not null,
    person_id       uuid,
    organisation_id uuid,
    role            varchar(30) not null,
    note            varchar(2000)
);
create index event_participant_aud_event on event_participant_aud (event_id, rev);

create table place_aud (
    id              uuid     not null,
    rev             bigint   not null references revision (id),
    revtype         smallint,
    version         bigint,
    name            varchar(300),
    type            varchar(30),
    latitude        double precision,
    longitude       double precision,
    parent_place_id uuid,
    description     text,
    created_at      timestamptz,
    updated_at      timestamptz,
    primary key (id, rev)
);

create table place_alternate_name_aud (
    rev      bigint       not null references revision (id),
    revtype  smallint,
    place_id uuid         not null,
    position int          not null,
    name     varchar(300) not null,
    primary key (rev, place_id, position, name)
);
