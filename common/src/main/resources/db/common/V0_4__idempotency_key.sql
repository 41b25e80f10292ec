-- Idempotency-Key (IETF httpapi draft) on creates: a retried POST with the same key, by the same caller, is applied
-- once. The row commits with the entity it created; a key is kept for 24 hours. Versioned 0_4 like the other shared
-- migrations: quarkus.flyway.out-of-order applies it to databases that already ran a service's later migrations.
create table idempotency_key (
    principal   varchar(200) not null,
    key         varchar(255) not null,
    fingerprint varchar(64)  not null,
    entity_id   uuid         not null,
    created_at  timestamptz  not null default now(),
    primary key (principal, key)
);
create index idempotency_key_created_at on idempotency_key (created_at);
