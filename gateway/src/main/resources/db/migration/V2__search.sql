-- Search: accent- and case-insensitive (unaccent), tolerant of small misspellings (pg_trgm word similarity on
-- names), full-text over longer text (quotes, statements, descriptions).
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only STABLE (its dictionary could change); the archive pins the dictionary, so folding is immutable
-- and can be indexed.
create function memoria_fold(text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- weight: 3 = preferred name or title, 2 = another name (alias, party name, alternate place name), 1 = text
create table search_term (
    entity_id uuid        not null,
    position  int         not null,
    kind      varchar(20) not null,
    field     varchar(30) not null,
    weight    smallint    not null,
    term      text        not null,
    primary key (entity_id, position)
);
create index search_term_names on search_term using gin (memoria_fold(term) gin_trgm_ops) where weight >= 2;
create index search_term_text on search_term using gin (to_tsvector('simple', memoria_fold(term)));
