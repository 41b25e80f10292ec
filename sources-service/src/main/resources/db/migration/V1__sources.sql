create table source (
    id             uuid primary key,
    version        bigint        not null,
    type           varchar(30)   not null,
    title          varchar(500)  not null,
    date_edtf      varchar(200),
    date_earliest  date,
    date_latest    date,
    publisher      varchar(300),
    url            varchar(2000),
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null
);
create index source_title on source (title, id);
create index source_type on source (type);

create table source_author (
    source_id uuid not null references source (id) on delete cascade,
    position  int  not null,
    person_id uuid not null,
    primary key (source_id, position)
);
create index source_author_person_id on source_author (person_id);
