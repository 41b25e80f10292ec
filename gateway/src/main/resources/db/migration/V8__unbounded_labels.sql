-- The owners accept longer text than the read model held: a citation's quote (its label) up to 20,000 characters, a
-- claim's statement of 2,000 characters in a script of three bytes per character (past the 2,704 bytes a btree index
-- entry may hold), a locator or an attested name (a link's role) up to 300. Such an acknowledged write failed to
-- project and became a dead letter. The read model keeps whatever the owners accept: labels and roles are text, and
-- the indexes that sort by label hold its first 200 characters (at most 800 bytes), which views sort by, then by id.
alter table entity alter column label type text;
alter table link alter column role type text;

drop index entity_kind_label;
drop index entity_kind_date;
create index entity_kind_label on entity (kind, lower(left(label, 200)), id) where not deleted;
create index entity_kind_date on entity (kind, date_earliest, date_latest, left(label, 200), id) where not deleted;
