-- The bulk import that made a revision (GET /api/imports/{id}), when one did: the Memoria-Import header of the write.
alter table revision add column import_id uuid;
