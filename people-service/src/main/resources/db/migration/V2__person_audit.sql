-- Hibernate Envers audit tables: every revision of a person and of its names.
create table person_aud (
    id             uuid     not null,
    rev            bigint   not null references revision (id),
    revtype        smallint,
    version        bigint,
    preferred_name varchar(300),
    birth_edtf     varchar(200),
    birth_earliest date,
    birth_latest   date,
    death_edtf     varchar(200),
    death_earliest date,
    death_latest   date,
    description    text,
    created_at     timestamptz,
    updated_at     timestamptz,
    primary key (id, rev)
);

create table person_name_aud (
    rev       bigint       not null references revision (id),
    revtype   smallint,
    person_id uuid         not null,
    position  int          not null,
    name      varchar(300) not null,
    type      varchar(30)  not null,
    primary key (rev, person_id, position, name, type)
);
