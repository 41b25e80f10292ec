-- Places, and what events reference inside this service: their place and the larger event they are part of.
-- The foreign keys back the service's own checks (which answer 400/409 with the reason) against races.
create table place (
    id              uuid primary key,
    version         bigint           not null,
    name            varchar(300)     not null,
    type            varchar(30)      not null,
    latitude        double precision check (latitude between -90 and 90),
    longitude       double precision check (longitude between -180 and 180),
    parent_place_id uuid references place (id),
    description     text,
    created_at      timestamptz      not null,
    updated_at      timestamptz      not null,
    check ((latitude is null) = (longitude is null))
);
create index place_name on place (lower(name));
create index place_parent_place_id on place (parent_place_id);
create index place_type on place (type);

create table place_alternate_name (
    place_id uuid         not null references place (id) on delete cascade,
    position int          not null,
    name     varchar(300) not null,
    primary key (place_id, position)
);
create index place_alternate_name_name on place_alternate_name (lower(name));

alter table event
    add column place_id        uuid references place (id),
    add column parent_event_id uuid references event (id);
create index event_place_id on event (place_id);
create index event_parent_event_id on event (parent_event_id);

-- a participant is a person or an organisation (both owned by the people service), with an optional note
alter table event_participant
    alter column person_id drop not null,
    add column organisation_id uuid,
    add column note            varchar(2000),
    add constraint event_participant_one_participant check ((person_id is null) <> (organisation_id is null));
create index event_participant_organisation_id on event_participant (organisation_id);
