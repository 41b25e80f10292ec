create table event (
    id             uuid primary key,
    version        bigint       not null,
    title          varchar(500) not null,
    type           varchar(30)  not null,
    date_edtf      varchar(200),
    date_earliest  date,
    date_latest    date,
    place_name     varchar(300),
    description    text,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null
);
create index event_chronology on event (date_earliest nulls last, title, id);
create index event_type on event (type);

create table event_participant (
    event_id  uuid        not null references event (id) on delete cascade,
    position  int         not null,
    person_id uuid        not null,
    role      varchar(30) not null,
    primary key (event_id, position)
);
create index event_participant_person_id on event_participant (person_id);
