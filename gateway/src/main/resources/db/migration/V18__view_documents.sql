-- Composed views served as documents (docs/decisions/0022): the projector keeps, for every live person, event,
-- source and claim, the JSON bytes of its view and what the view shows, and recomposes the documents a change
-- touches in the transaction that applies it. view_dependency says which documents show an entity (a document
-- shows the entities it read, found or not: links false) and which list what links to an entity (links true);
-- view_stale lists documents to compose again outside that
-- transaction (a change that touches many, a rebuild, this migration), while reads compose them live.
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

create table view_stale (
    id uuid primary key
);

insert into view_stale (id)
select id from entity where kind in ('PERSON', 'EVENT', 'SOURCE', 'CLAIM') and not deleted;
