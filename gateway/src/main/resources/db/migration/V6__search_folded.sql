-- Search kept the raw term and folded it (unaccent, lower) on every candidate row, in the index recheck and in the
-- scoring: at 100,000 entities a common trigram made that thousands of unaccent calls per query. The folded text
-- and its tsvector are now stored once, when the term is written, and indexed as they are.
drop index search_term_names;
drop index search_term_text;
alter table search_term add column folded text;
alter table search_term add column tsv tsvector;
update search_term set folded = memoria_fold(term), tsv = to_tsvector('simple', memoria_fold(term));
alter table search_term alter column folded set not null;
alter table search_term alter column tsv set not null;
create index search_term_names on search_term using gin (folded gin_trgm_ops) where weight >= 2;
create index search_term_text on search_term using gin (tsv);
