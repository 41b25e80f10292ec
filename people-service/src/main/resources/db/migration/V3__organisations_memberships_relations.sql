-- The full people model: names with their period of use and attesting source, places of birth and death,
-- authority identifiers; organisations with their names; memberships; person-to-person relations.
-- Every entity is audited by Envers (the *_aud tables; element collections have their own).

alter table person
    add column birth_place_id uuid,
    add column death_place_id uuid,
    add column wikidata       varchar(20),
    add column viaf           varchar(30),
    add column gnd            varchar(20);
create index person_birth on person (birth_earliest, birth_latest);

alter table person_name
    add column period_edtf     varchar(200),
    add column period_earliest date,
    add column period_latest   date,
    add column source_id       uuid;

alter table person_aud
    add column birth_place_id uuid,
    add column death_place_id uuid,
    add column wikidata       varchar(20),
    add column viaf           varchar(30),
    add column gnd            varchar(20);

-- A name changed in place (same position, name and type, another period or source) is audited as a deletion and an
-- addition in one revision; the old key (rev, person_id, position, name, type) cannot hold both, and its nullable new
-- columns cannot join a primary key. Envers only appends and reads by (person_id, rev).
alter table person_name_aud
    drop constraint person_name_aud_pkey,
    add column period_edtf     varchar(200),
    add column period_earliest date,
    add column period_latest   date,
    add column source_id       uuid;
create index person_name_aud_person on person_name_aud (person_id, rev);

create table organisation (
    id                 uuid primary key,
    version            bigint       not null,
    preferred_name     varchar(300) not null,
    type               varchar(30)  not null,
    founded_edtf       varchar(200),
    founded_earliest   date,
    founded_latest     date,
    dissolved_edtf     varchar(200),
    dissolved_earliest date,
    dissolved_latest   date,
    description        text,
    wikidata           varchar(20),
    viaf               varchar(30),
    gnd                varchar(20),
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);
create index organisation_preferred_name on organisation (lower(preferred_name));

create table organisation_name (
    organisation_id uuid         not null references organisation (id) on delete cascade,
    position        int          not null,
    name            varchar(300) not null,
    type            varchar(30)  not null,
    period_edtf     varchar(200),
    period_earliest date,
    period_latest   date,
    source_id       uuid,
    primary key (organisation_id, position)
);
create index organisation_name_name on organisation_name (lower(name));

-- A person or organisation still referenced cannot be deleted: the service answers 409 first, the keys make sure.
create table membership (
    id              uuid primary key,
    version         bigint      not null,
    person_id       uuid        not null references person (id),
    organisation_id uuid        not null references organisation (id),
    role            varchar(200),
    period_edtf     varchar(200),
    period_earliest date,
    period_latest   date,
    source_id       uuid,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index membership_person on membership (person_id);
create index membership_organisation on membership (organisation_id);

create table relation (
    id              uuid primary key,
    version         bigint        not null,
    from_person_id  uuid          not null references person (id),
    type            varchar(30)   not null,
    to_person_id    uuid          not null references person (id),
    period_edtf     varchar(200),
    period_earliest date,
    period_latest   date,
    note            varchar(2000),
    source_id       uuid,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    constraint relation_between_two_persons check (from_person_id <> to_person_id)
);
create index relation_from_person on relation (from_person_id);
create index relation_to_person on relation (to_person_id);

create table organisation_aud (
    id                 uuid     not null,
    rev                bigint   not null references revision (id),
    revtype            smallint,
    version            bigint,
    preferred_name     varchar(300),
    type               varchar(30),
    founded_edtf       varchar(200),
    founded_earliest   date,
    founded_latest     date,
    dissolved_edtf     varchar(200),
    dissolved_earliest date,
    dissolved_latest   date,
    description        text,
    wikidata           varchar(20),
    viaf               varchar(30),
    gnd                varchar(20),
    created_at         timestamptz,
    updated_at         timestamptz,
    primary key (id, rev)
);

create table organisation_name_aud (
    rev             bigint       not null references revision (id),
    revtype         smallint,
    organisation_id uuid         not null,
    position        int          not null,
    name            varchar(300) not null,
    type            varchar(30)  not null,
    period_edtf     varchar(200),
    period_earliest date,
    period_latest   date,
    source_id       uuid
);
create index organisation_name_aud_organisation on organisation_name_aud (organisation_id, rev);

create table membership_aud (
    id              uuid     not null,
    rev             bigint   not null references revision (id),
    revtype         smallint,
    version         bigint,
    person_id       uuid,
    organisation_id uuid,
    role            varchar(200),
    period_edtf     varchar(200),
    period_earliest date,
    period_latest   date,
    source_id       uuid,
    created_at      timestamptz,
    updated_at      timestamptz,
    primary key (id, rev)
);

create table relation_aud (
    id              uuid     not null,
    rev             bigint   not null references revision (id),
    revtype         smallint,
    version         bigint,
    from_person_id  uuid,
    type            varchar(30),
    to_person_id    uuid,
    period_edtf     varchar(200),
    period_earliest date,
    period_latest   date,
    note            varchar(2000),
    source_id       uuid,
    created_at      timestamptz,
    updated_at      timestamptz,
    primary key (id, rev)
);
