package org.memoria.common.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.api.Versioned;
import org.memoria.common.persistence.OwnedEntity;
import org.memoria.common.revision.RevisionHistory;
import org.memoria.common.revision.RevisionView;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The reads every owned collection answers the same way, next to its writes ({@link OwnedEntityCommands}): one entity
 * as its client view, its revision history, and a page of views. A service says only how an entity becomes its view,
 * and what its own lists filter by.
 *
 * @param <E> the entity
 * @param <I> the write model
 * @param <S> the event payload
 * @param <V> the view a client sees (an {@code api} type)
 */
public abstract class OwnedEntityService<E extends OwnedEntity, I, S, V extends Versioned>
        extends OwnedEntityCommands<E, I, S> {

    protected OwnedEntityService(Class<E> entityClass, String topic, String aggregate) {
        super(entityClass, topic, aggregate);
    }

    /** The entity as a client sees it; runs inside the caller's transaction. */
    public abstract V view(E entity);

    /** The views of several entities, in their order; a service that can read what they name at once overrides it. */
    protected List<V> views(List<E> entities) {
        return entities.stream().map(this::view).toList();
    }

    /** One page of views, of {@code total} entities that match. */
    protected Page<V> page(List<E> entities, int page, int size, long total) {
        return new Page<>(views(entities), page, size, total);
    }

    /** The entity's view; empty when there is none with this id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<V> find(UUID id) {
        return Optional.ofNullable(Panache.getEntityManager(entityClass).find(entityClass, id)).map(this::view);
    }

    /** The entity's revisions, oldest first, each with the view it left; empty if the id was never used. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RevisionView> revisions(UUID id) {
        return RevisionHistory.of(Panache.getEntityManager(entityClass), json, entityClass, id, this::view);
    }
}
