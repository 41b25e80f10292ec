-- Citations: passages of a source. A source with citations cannot be deleted.
create table citation (
    id         uuid primary key,
    version    bigint        not null,
    source_id  uuid          not null references source (id),
    locator    varchar(300),
    quote      text,
    note       varchar(2000),
    created_at timestamptz   not null,
    updated_at timestamptz   not null
);
create index citation_source_id on citation (source_id, created_at, id);

-- What a citation is about: entities of any service, by kind and id.
create table citation_about (
    citation_id uuid        not null references citation (id) on delete cascade,
    position    int         not null,
    kind        varchar(20) not null,
    subject_id  uuid        not null,
    primary key (citation_id, position)
);
create index citation_about_subject on citation_about (subject_id, kind);

-- Claims: a statement and its evidence; status is derived from the evidence and stored for filtering.
create table claim (
    id         uuid primary key,
    version    bigint        not null,
    statement  varchar(2000) not null,
    status     varchar(20)   not null,
    created_at timestamptz   not null,
    updated_at timestamptz   not null
);
create index claim_statement on claim (statement, id);
create index claim_status on claim (status);

create table claim_subject (
    claim_id   uuid        not null references claim (id) on delete cascade,
    position   int         not null,
    kind       varchar(20) not null,
    subject_id uuid        not null,
    primary key (claim_id, position)
);
create index claim_subject_subject on claim_subject (subject_id, kind);

-- Evidence, with its citation's source and that source's EDTF date copied in (kept current on every change).
-- A citation that is evidence cannot be deleted.
create table claim_evidence (
    claim_id    uuid          not null references claim (id) on delete cascade,
    position    int           not null,
    citation_id uuid          not null references citation (id),
    stance      varchar(20)   not null,
    strength    varchar(20)   not null,
    note        varchar(2000),
    source_id   uuid          not null,
    source_date varchar(200),
    primary key (claim_id, position)
);
create index claim_evidence_citation_id on claim_evidence (citation_id);
create index claim_evidence_source_id on claim_evidence (source_id);
