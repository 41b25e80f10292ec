package org.memoria.common.service;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.outbox.Outbox;
import org.memoria.common.persistence.OwnedEntity;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Create, replace and delete for an owned entity: each change commits the entity and its change event (in the
 * outbox) in one transaction. A replace that changes nothing writes nothing and publishes nothing.
 *
 * @param <E> the entity
 * @param <I> the write model (a record: equal inputs mean equal state)
 * @param <S> the event payload
 */
public abstract class OwnedEntityCommands<E extends OwnedEntity, I, S> {

    @Inject
    protected Outbox outbox;

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
        return insert(UUID.randomUUID(), input);
    }

    /** Replaces the entity, creating it with this id if there is none. */
    @Transactional
    public Upsert<E> put(UUID id, I input) {
        E entity = Panache.getEntityManager(entityClass).find(entityClass, id);
        if (entity == null) {
            return new Upsert<>(insert(id, input), true, true);
        }
        if (inputOf(entity).equals(input)) {
            return new Upsert<>(entity, false, false);
        }
        long before = entity.version;
        apply(input, entity);
        Panache.getEntityManager(entityClass).flush(); // bumps the version before the payload is built
        if (entity.version == before) {
            return new Upsert<>(entity, false, false); // stored state unchanged: nothing to publish
        }
        publish(entity);
        return new Upsert<>(entity, false, true);
    }

    /** Deletes the entity and publishes a tombstone; false if there was none. */
    @Transactional
    public boolean delete(UUID id) {
        var em = Panache.getEntityManager(entityClass);
        E entity = em.find(entityClass, id);
        if (entity == null) {
            return false;
        }
        long version = entity.version;
        em.remove(entity);
        em.flush();
        outbox.deleted(topic, aggregate, id, version + 1);
        return true;
    }

    private E insert(UUID id, I input) {
        E entity = newEntity();
        entity.id = id;
        apply(input, entity);
        var em = Panache.getEntityManager(entityClass);
        em.persist(entity);
        em.flush();
        publish(entity);
        return entity;
    }

    private void publish(E entity) {
        outbox.changed(topic, aggregate, entity.id, entity.version, stateOf(entity));
    }
}
