-- Search in two steps (ArchiveSearch; docs/decisions/0020-search-by-trigram-distance.md).
-- Step 1, exact names: an equality lookup on the folded name or other name. A hash index, since a name has no
-- length limit and a btree entry has one (about 2.7 kB).
create index search_term_exact on search_term using hash (folded) where weight >= 2;
-- Step 2, similar names: the nearest by word-similarity distance (order by query <<-> folded limit n), which a GiST
-- index returns in distance order; a GIN index can only filter, so every candidate had to be scored. A signature of
-- 256 bytes instead of the default 12: with 12, the inner pages' signatures had every bit set at 1,000,000 entities
-- and a nearest-names scan read most of the index (EXPLAIN ANALYZE: 610-680 ms for a misspelled surname, 40-80 ms
-- with 256). The GIN trigram index is no longer used by any query.
drop index search_term_names;
create index search_term_names on search_term using gist (folded gist_trgm_ops(siglen = 256)) where weight >= 2;
