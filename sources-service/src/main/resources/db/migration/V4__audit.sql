-- Hibernate Envers audit tables: every revision of sources, citations and claims and of their collections.
-- Collection rows are keyed by everything Envers writes; nullable element columns cannot be part of a primary key,
-- so those tables are indexed instead.
create table source_aud (
    id                uuid     not null,
    rev               bigint   not null references revision (id),
    revtype           smallint,
    version           bigint,
    type              varchar(30),
    title             varchar(500),
    date_edtf         varchar(200),
    date_earliest     date,
    date_latest       date,
    publisher         varchar(300),
    periodical        varchar(300),
    language          varchar(3),
    url               varchar(2000),
    isbn              varchar(13),
    doi               text,
    archive_reference varchar(300),
    description       text,
    created_at        timestamptz,
    updated_at        timestamptz,
    primary key (id, rev)
);

create table source_author_aud (
    rev       bigint not null references revision (id),
    revtype   smallint,
    source_id uuid   not null,
    position  int    not null,
    person_id uuid   not null,
    primary key (rev, source_id, position, person_id)
);

create table source_organisation_author_aud (
    rev             bigint not null references revision (id),
    revtype         smallint,
    source_id       uuid   not null,
    position        int    not null,
    organisation_id uuid   not null,
    primary key (rev, source_id, position, organisation_id)
);

create table citation_aud (
    id         uuid     not null,
    rev        bigint   not null references revision (id),
    revtype    smallint,
    version    bigint,
    source_id  uuid,
    locator    varchar(300),
    quote      text,
    note       varchar(2000),
    created_at timestamptz,
    updated_at timestamptz,
    primary key (id, rev)
);

create table citation_about_aud (
    rev         bigint      not null references revision (id),
    revtype     smallint,
    citation_id uuid        not null,
    position    int         not null,
    kind        varchar(20) not null,
    subject_id  uuid        not null,
    primary key (rev, citation_id, position, kind, subject_id)
);

create table claim_aud (
    id         uuid     not null,
    rev        bigint   not null references revision (id),
    revtype    smallint,
    version    bigint,
    statement  varchar(2000),
    status     varchar(20),
    created_at timestamptz,
    updated_at timestamptz,
    primary key (id, rev)
);

create table claim_subject_aud (
    rev        bigint      not null references revision (id),
    revtype    smallint,
    claim_id   uuid        not null,
    position   int         not null,
    kind       varchar(20) not null,
    subject_id uuid        not null,
    primary key (rev, claim_id, position, kind, subject_id)
);

create table claim_evidence_aud (
    rev         bigint      not null references revision (id),
    revtype     smallint,
    claim_id    uuid        not null,
    position    int         not null,
    citation_id uuid        not null,
    stance      varchar(20) not null,
    strength    varchar(20) not null,
    note        varchar(2000),
    source_id   uuid        not null,
    source_date varchar(200)
);
create index claim_evidence_aud_claim on claim_evidence_aud (claim_id, rev);
