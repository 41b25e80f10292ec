-- Composed views served as documents (docs/decisions/0022): the dossier, event, source and claim views a read
-- composed, as the JSON bytes it answered, with what each read: view_dependency says which documents show an entity
-- (links false: the document read it, found or not) and which list what links to an entity (links true). The
-- projector deletes the documents a change touches in the transaction that applies it, after moving view_epoch; a
-- read stores the document it composed only if the epoch is still the one its snapshot saw.
create table view_document (
    id       uuid primary key,
    kind     varchar(32) not null,
    version  bigint not null,
    etag     varchar(64) not null,
    body     bytea not null,
    built_at timestamptz not null default now()
);

create table view_dependency (
    depends_on  uuid not null,
    links       boolean not null,
    document_id uuid not null,
    primary key (depends_on, links, document_id)
);
create index view_dependency_document on view_dependency (document_id);

create table view_epoch (
    id    smallint primary key check (id = 1),
    epoch bigint not null
);
insert into view_epoch (id, epoch) values (1, 0);
