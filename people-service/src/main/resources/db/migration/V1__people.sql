create table person (
    id              uuid primary key,
    version         bigint       not null,
    preferred_name  varchar(300) not null,
    birth_edtf      varchar(200),
    birth_earliest  date,
    birth_latest    date,
    death_edtf      varchar(200),
    death_earliest  date,
    death_latest    date,
    description     text,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create index person_preferred_name on person (lower(preferred_name));

create table person_name (
    person_id uuid         not null references person (id) on delete cascade,
    position  int          not null,
    name      varchar(300) not null,
    type      varchar(30)  not null,
    primary key (person_id, position)
);
create index person_name_name on person_name (lower(name));
