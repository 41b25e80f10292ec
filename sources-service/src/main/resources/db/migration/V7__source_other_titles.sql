-- A source's other titles (translations, the original-language title), in the order given; audited like its authors.
create table source_other_title (
    source_id uuid         not null references source (id) on delete cascade,
    position  int          not null,
    title     varchar(500) not null,
    language  varchar(3),
    primary key (source_id, position)
);

-- no primary key: Envers keys an element's audit row by all its values, and language may be null; a title changed at
-- one position writes a removal and an addition there in the same revision
create table source_other_title_aud (
    rev       bigint       not null references revision (id),
    revtype   smallint,
    source_id uuid         not null,
    position  int          not null,
    title     varchar(500) not null,
    language  varchar(3)
);
create index source_other_title_aud_source on source_other_title_aud (source_id, rev);
