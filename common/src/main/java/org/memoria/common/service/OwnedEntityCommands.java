package org.memoria.common.service;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.memoria.common.api.Preconditions;
import org.memoria.common.outbox.Outbox;
import org.memoria.common.persistence.OwnedEntity;
import org.memoria.common.security.Caller;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Create, replace and delete for an owned entity: each change commits the entity and its change event (in the
 * outbox) in one transaction. A replace that changes nothing writes nothing and publishes nothing. The caller is
 * recorded as the creator, and a partner may replace or delete only what its own partner id created (403).
 *
 * @param <E> the entity
 * @param <I> the write model (a record: equal inputs mean equal state)
 * @param <S> the event payload
 */
public abstract class OwnedEntityCommands<E extends OwnedEntity, I, S> {

    @Inject
    protected Outbox outbox;
    @Inject
    protected Caller caller;

    private final Class<E> entityClass;
    private final String topic;
    private final String aggregate;

    protected OwnedEntityCommands(Class<E> entityClass, String topic, String aggregate) {
        this.entityClass = entityClass;
        this.topic = topic;
        this.aggregate = aggregate;
    }

    protected abstract E newEntity();

    /** Copies the input onto the entity. */
    protected abstract void apply(I input, E entity);

    /** The input that would produce the entity's current state. */
    protected abstract I inputOf(E entity);

    /** The event payload for the entity's current state. */
    protected abstract S stateOf(E entity);

    /** Outcome of a replace. */
    public record Upsert<E>(E entity, boolean created, boolean changed) {
    }

    @Transactional
    public E create(I input) {
        return insert(UUID.randomUUID(), input, false);
    }

    /**
     * Replaces the entity, or creates it with this id if there is none. Replacing requires the version the client
     * read ({@code If-Match}); creating accepts none, or {@code If-None-Match: *}.
     */
    @Transactional
    public Upsert<E> put(UUID id, I input, Preconditions conditions) {
        var em = Panache.getEntityManager(entityClass);
        E entity = em.find(entityClass, id);
        if (entity == null) {
            conditions.checkAbsent(aggregate, id);
            return new Upsert<>(insert(id, input, true), true, true);
        }
        caller.requireMayChange(aggregate, id, entity);
        conditions.checkExisting(aggregate, id, entity.version);
        if (inputOf(entity).equals(input)) {
            return new Upsert<>(entity, false, false);
        }
        long before = entity.version;
        apply(input, entity);
        em.flush(); // bumps the version before the payload is built
        if (entity.version == before) {
            return new Upsert<>(entity, false, false); // stored state unchanged: nothing to publish
        }
        publish(entity);
        return new Upsert<>(entity, false, true);
    }

    /** Deletes the entity (requires {@code If-Match}) and publishes a tombstone; false if there was none. */
    @Transactional
    public boolean delete(UUID id, Preconditions conditions) {
        var em = Panache.getEntityManager(entityClass);
        E entity = em.find(entityClass, id);
        if (entity == null) {
            return false;
        }
        caller.requireMayChange(aggregate, id, entity);
        conditions.checkExisting(aggregate, id, entity.version);
        long tombstone = entity.version + 1;
        em.remove(entity);
        em.flush();
        em.unwrap(Session.class).doWork(c -> {
            try (var s = c.prepareStatement("insert into deleted_entity (id, version) values (?, ?) "
                    + "on conflict (id) do update set version = excluded.version, deleted_at = now()")) {
                s.setObject(1, id);
                s.setLong(2, tombstone);
                s.executeUpdate();
            }
        });
        outbox.deleted(topic, aggregate, id, tombstone);
        return true;
    }

    private E insert(UUID id, I input, boolean mayHaveBeenDeleted) {
        E entity = newEntity();
        entity.id = id;
        caller.stampCreator(entity);
        apply(input, entity);
        var em = Panache.getEntityManager(entityClass);
        entity.version = mayHaveBeenDeleted ? versionAfterDeletion(em, id) : 0;
        em.persist(entity);
        em.flush();
        publish(entity);
        return entity;
    }

    /** 0 for a new id; one past the tombstone for an id that was deleted before. */
    private static long versionAfterDeletion(jakarta.persistence.EntityManager em, UUID id) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (var s = c.prepareStatement("delete from deleted_entity where id = ? returning version")) {
                s.setObject(1, id);
                try (var rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) + 1 : 0L;
                }
            }
        });
    }

    private void publish(E entity) {
        outbox.changed(topic, aggregate, entity.id, entity.version, stateOf(entity));
    }
}
