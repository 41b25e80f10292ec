-- The last version of each deleted entity, so that an entity re-created under the same id continues its
-- version sequence (consumers hold the tombstone's version and would ignore a restart at 0).
create table deleted_entity (
    id         uuid primary key,
    version    bigint      not null,
    deleted_at timestamptz not null default now()
);
