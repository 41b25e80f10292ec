-- Sources get organisation authors, a periodical, a language, identifiers (the url column stays) and a description.
alter table source add column periodical        varchar(300);
alter table source add column language          varchar(3);
alter table source add column isbn              varchar(13);
alter table source add column doi               text;
alter table source add column archive_reference varchar(300);
alter table source add column description       text;
create index source_language on source (language);
create index source_date on source (date_earliest, date_latest);
create index source_title_lower on source (lower(title));

create table source_organisation_author (
    source_id       uuid not null references source (id) on delete cascade,
    position        int  not null,
    organisation_id uuid not null,
    primary key (source_id, position)
);
create index source_organisation_author_organisation_id on source_organisation_author (organisation_id);
