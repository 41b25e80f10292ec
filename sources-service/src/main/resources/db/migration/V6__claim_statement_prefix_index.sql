-- A claim statement holds up to 2000 characters, up to 8000 bytes of UTF-8: more than a btree index entry may hold
-- (2704 bytes), so a long statement in a non-Latin script failed to insert. Claims are ordered by the first 500
-- characters of their statement (at most 2000 bytes), then by id; statements alike in those are ordered by id.
drop index claim_statement;
create index claim_statement on claim (left(statement, 500), id);
