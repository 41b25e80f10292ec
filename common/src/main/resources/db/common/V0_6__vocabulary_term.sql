-- Managed vocabularies (docs/model.md): the terms records' types and roles are codes of. Each owning service holds the
-- vocabularies it validates and seeds them in its own migration. A term's id is md5(vocabulary || ':' || lower(code)),
-- so that it is the same in every database and for a code in any case. Versioned 0_6 like the other shared
-- migrations (quarkus.flyway.out-of-order applies it to databases that already ran a service's later migrations).
create table vocabulary_term (
    id             uuid primary key,
    vocabulary     varchar(40)  not null,
    code           varchar(30)  not null,
    labels         jsonb        not null,
    scope_notes    jsonb        not null default '{}',
    broader        varchar(30),
    exact_match    jsonb        not null default '[]',
    deprecated     boolean      not null default false,
    inverse_labels jsonb        not null default '{}',
    version        bigint       not null default 0,
    updated_at     timestamptz  not null default now()
);
create unique index vocabulary_term_code on vocabulary_term (vocabulary, lower(code));
