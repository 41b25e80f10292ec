package org.memoria.common.service;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.WebApplicationException;

import org.hibernate.Session;
import org.memoria.common.api.Preconditions;
import org.memoria.common.outbox.Outbox;
import org.memoria.common.persistence.OwnedEntity;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.common.security.Caller;

import com.fasterxml.jackson.databind.ObjectMapper;

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
    @Inject
    protected ObjectMapper json;

    protected final Class<E> entityClass;
    private final String topic;
    private final String aggregate;

    protected OwnedEntityCommands(Class<E> entityClass, String topic, String aggregate) {
        this.entityClass = entityClass;
        this.topic = topic;
        this.aggregate = aggregate;
    }

    protected abstract E newEntity();

    /** What the entity is called in problems and events ({@code place}, {@code person}). */
    public String aggregate() {
        return aggregate;
    }

    /** Copies the input onto the entity. */
    protected abstract void apply(I input, E entity);

    /** The input that would produce the entity's current state. */
    protected abstract I inputOf(E entity);

    /** The event payload for the entity's current state. */
    protected abstract S stateOf(E entity);

    /**
     * Runs, in the same transaction, after a replace changed an existing entity and published it: what depends on
     * the entity follows it (a citation's claims are re-derived). Nothing by default.
     */
    protected void replaced(E entity) {
    }

    /** Checks the input's references to other entities before anything is written (400 if one is missing). */
    protected void checkReferences(I input) {
    }

    /** Outcome of a replace. */
    public record Upsert<E>(E entity, boolean created, boolean changed) {
    }

    /** One record of a batch: the id it is written under, and its input (already read and checked). */
    public record BatchItem<I>(UUID id, I input) {
    }

    /** What a batch did with one record: the replace it made, or what refused it (as its own PUT would have been). */
    public record BatchOutcome<E>(UUID id, Upsert<E> written, RuntimeException refused) {
    }

    @Transactional
    public E create(I input) {
        checkReferences(input);
        return insert(UUID.randomUUID(), input, false);
    }

    /** What a create answered: the entity, and whether it was made now (false: an earlier request's, replayed). */
    public record Created<E>(E entity, boolean replayed) {
    }

    /**
     * Creates the entity, once per idempotency key: a retry with the caller's same key and the same input answers the
     * entity the first request created (whatever happened to the first answer); the same key with another input is a
     * 422. Concurrent requests with one key wait for each other (the key's row is inserted in this transaction).
     */
    @Transactional
    public Created<E> create(I input, Optional<String> idempotencyKey) {
        if (idempotencyKey.isEmpty()) {
            return new Created<>(create(input), false);
        }
        var em = Panache.getEntityManager(entityClass);
        String principal = caller.subject();
        String fingerprint = fingerprint(input);
        UUID id = UUID.randomUUID();
        Object[] earlier = em.unwrap(Session.class).doReturningWork(c -> {
            try (var purge = c.prepareStatement("delete from idempotency_key where ctid in (select ctid from "
                    + "idempotency_key where created_at < now() - interval '24 hours' limit 100)")) {
                purge.executeUpdate(); // bounded: keys expire a few at a time, with the creates that add them
            }
            try (var s = c.prepareStatement("insert into idempotency_key (principal, key, fingerprint, entity_id) "
                    + "values (?, ?, ?, ?) on conflict do nothing")) {
                s.setString(1, principal);
                s.setString(2, idempotencyKey.get());
                s.setString(3, fingerprint);
                s.setObject(4, id);
                if (s.executeUpdate() == 1) {
                    return null;
                }
            }
            try (var s = c.prepareStatement(
                    "select fingerprint, entity_id from idempotency_key where principal = ? and key = ?")) {
                s.setString(1, principal);
                s.setString(2, idempotencyKey.get());
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return new Object[] { rs.getString(1), rs.getObject(2, UUID.class) };
                }
            }
        });
        if (earlier == null) {
            checkReferences(input);
            return new Created<>(insert(id, input, false), false);
        }
        if (!fingerprint.equals(earlier[0])) {
            throw new WebApplicationException(Problems.response(new Problem(Problem.TYPE_BASE + "idempotency-key-reused",
                    "Idempotency key reused", 422, "This Idempotency-Key was used for a different request; use a new "
                            + "key for a new request", null, null)));
        }
        E entity = em.find(entityClass, earlier[1]);
        if (entity == null) {
            throw new WebApplicationException(Problems.response(new Problem(Problem.TYPE_BASE + "conflict", "Conflict",
                    409, "The " + aggregate + " this Idempotency-Key created (" + earlier[1] + ") has been deleted since",
                    null, null)));
        }
        return new Created<>(entity, true);
    }

    private String fingerprint(I input) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(input));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }

    /**
     * Replaces the entity, or creates it with this id if there is none. Replacing requires the version the client
     * read ({@code If-Match}); creating accepts none, or {@code If-None-Match: *}.
     */
    @Transactional
    public Upsert<E> put(UUID id, I input, Preconditions conditions) {
        checkReferences(input);
        var em = Panache.getEntityManager(entityClass);
        E entity = lock(em, id);
        if (entity == null) {
            conditions.checkAbsent(aggregate, id);
            return new Upsert<>(insert(id, input, true), true, true);
        }
        caller.requireMayChange(aggregate, id, entity);
        conditions.checkExisting(aggregate, id, entity.version);
        return replace(em, entity, input);
    }

    /**
     * Replaces (or creates) each record under its id, in order, all in one transaction: what a bulk import writes.
     * Each is checked and written as {@link #put} would without a precondition (the last writer wins, as an import
     * replaying its file must), and publishes its own change event; one that changes nothing publishes nothing. A
     * record refused for itself (a reference missing, a partner's record of another's) is answered alone and leaves
     * nothing behind; the others are written. A failure of the database fails the whole batch: nothing is written.
     * New entities are written together (one flush, the statements batched, their events in one statement batch), so
     * that a batch of new records costs a few round trips to the database rather than several per record.
     */
    @Transactional
    public java.util.List<BatchOutcome<E>> putAll(java.util.List<BatchItem<I>> items) {
        var em = Panache.getEntityManager(entityClass);
        Session session = em.unwrap(Session.class);
        session.setJdbcBatchSize(BATCH_STATEMENTS);
        java.util.List<UUID> ids = items.stream().map(BatchItem::id).toList();
        java.util.Set<UUID> existing = new java.util.HashSet<>(em.createQuery("select e.id from "
                + em.getMetamodel().entity(entityClass).getName() + " e where e.id in :ids", UUID.class)
                .setParameter("ids", ids).getResultList());
        java.util.Map<UUID, Long> tombstones = tombstones(session, ids);
        java.util.List<E> inserted = new java.util.ArrayList<>();
        java.util.List<BatchOutcome<E>> outcomes = new java.util.ArrayList<>(items.size());
        for (BatchItem<I> item : items) {
            E entity = null;
            Flushed flushed = new Flushed();
            try {
                checkReferences(item.input());
                if (!existing.contains(item.id())) {
                    // new: persisted now, written with the others at the end (one flush, statements batched)
                    entity = fresh(item.id(), item.input());
                    Long tombstone = tombstones.get(item.id());
                    entity.version = tombstone == null ? 0 : tombstone + 1;
                    flushed.yes = true;
                    em.persist(entity);
                    existing.add(item.id());
                    inserted.add(entity);
                    outcomes.add(new BatchOutcome<>(item.id(), new Upsert<>(entity, true, true), null));
                    continue;
                }
                // an existing one is replaced (and published) in order, after what this batch created before it
                writeInserted(em, session, inserted, tombstones);
                entity = lock(em, item.id());
                caller.requireMayChange(aggregate, item.id(), entity);
                outcomes.add(new BatchOutcome<>(item.id(), replace(em, entity, item.input(), flushed), null));
                // written and published: out of the session, so that the next record's flush checks only its own
                em.detach(entity);
            } catch (jakarta.persistence.PersistenceException e) { // Hibernate's own are PersistenceExceptions too
                throw e; // the session cannot go on: the whole batch fails, nothing written
            } catch (RuntimeException e) {
                if (flushed.yes) {
                    throw e; // part of it is written: only failing the whole batch takes that back
                }
                // refused before anything of it was written: forget what applying it may have changed
                if (entity != null && em.contains(entity)) {
                    em.detach(entity);
                }
                outcomes.add(new BatchOutcome<>(item.id(), null, e));
            }
        }
        writeInserted(em, session, inserted, tombstones);
        return outcomes;
    }

    /** Statements Hibernate sends at once while a batch is flushed. */
    private static final int BATCH_STATEMENTS = 100;

    /** The tombstones' versions of those of the ids that were deleted before. */
    private static java.util.Map<UUID, Long> tombstones(Session session, java.util.List<UUID> ids) {
        return session.doReturningWork(c -> {
            java.util.Map<UUID, Long> versions = new java.util.HashMap<>();
            try (var s = c.prepareStatement("select id, version from deleted_entity where id = any(?)")) {
                s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        versions.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    }
                }
            }
            return versions;
        });
    }

    /**
     * Writes the entities a batch created so far in one flush, clears their tombstones, and publishes each (its own
     * change event, in one statement batch); then takes them out of the session.
     */
    private void writeInserted(jakarta.persistence.EntityManager em, Session session, java.util.List<E> inserted,
            java.util.Map<UUID, Long> tombstones) {
        if (inserted.isEmpty()) {
            return;
        }
        em.flush();
        java.util.List<UUID> revived = inserted.stream().map(e -> e.id).filter(tombstones::containsKey).toList();
        if (!revived.isEmpty()) {
            session.doWork(c -> {
                try (var s = c.prepareStatement("delete from deleted_entity where id = any(?)")) {
                    s.setArray(1, c.createArrayOf("uuid", revived.toArray()));
                    s.executeUpdate();
                }
            });
        }
        outbox.changedAll(topic, aggregate, inserted.stream()
                .map(e -> new Outbox.Change(e.id, e.version, stateOf(e))).toList());
        inserted.forEach(em::detach);
        inserted.clear();
    }

    /** Whether a write has reached the database (flushed): from then on it cannot be refused alone. */
    private static final class Flushed {
        boolean yes;
    }

    /**
     * Changes part of the entity (JSON Merge Patch, RFC 7396): {@code change} turns the input of its current state
     * into the new input, under the same conditions as a replace ({@code If-Match} required). Empty if there is no
     * entity with this id.
     */
    @Transactional
    public Optional<Upsert<E>> patch(UUID id, UnaryOperator<I> change, Preconditions conditions) {
        var em = Panache.getEntityManager(entityClass);
        E entity = lock(em, id);
        if (entity == null) {
            return Optional.empty();
        }
        caller.requireMayChange(aggregate, id, entity);
        conditions.checkExisting(aggregate, id, entity.version);
        I input = change.apply(inputOf(entity));
        checkReferences(input);
        return Optional.of(replace(em, entity, input));
    }

    /** Replaces an existing, locked entity's state; publishes only a change. */
    private Upsert<E> replace(jakarta.persistence.EntityManager em, E entity, I input) {
        return replace(em, entity, input, new Flushed());
    }

    private Upsert<E> replace(jakarta.persistence.EntityManager em, E entity, I input, Flushed flushed) {
        I current = inputOf(entity);
        if (current.equals(input)) {
            return new Upsert<>(entity, false, false);
        }
        long before = entity.version;
        apply(input, entity);
        if (inputOf(entity).equals(current)) {
            // the same state spelt another way (a code in another case): nothing to write, and a collection applied
            // afresh must not bump the version; the entity goes back to what is stored
            em.refresh(entity);
            inputOf(entity); // its collections read again, as an unchanged entity's are for its view
            return new Upsert<>(entity, false, false);
        }
        flushed.yes = true;
        em.flush(); // bumps the version before the payload is built
        if (entity.version == before) {
            return new Upsert<>(entity, false, false); // stored state unchanged: nothing to publish
        }
        publish(entity);
        replaced(entity);
        return new Upsert<>(entity, false, true);
    }

    /** Deletes the entity (requires {@code If-Match}) and publishes a tombstone; false if there was none. */
    @Transactional
    public boolean delete(UUID id, Preconditions conditions) {
        return deleteLocked(id, conditions);
    }

    /**
     * A delete that {@code requireUnreferenced} refuses (409, {@code StillReferencedException} naming them) while
     * others still reference the entity: checked once the client's {@code If-Match} matched, before the entity is
     * locked and deleted as {@link #delete} does. A service whose entities others reference overrides
     * {@link #delete} with this.
     */
    protected boolean deleteUnreferenced(UUID id, Preconditions conditions, Consumer<E> requireUnreferenced) {
        E entity = Panache.getEntityManager(entityClass).find(entityClass, id);
        if (entity == null) {
            return false;
        }
        conditions.checkExisting(aggregate, id, entity.version);
        requireUnreferenced.accept(entity);
        return deleteLocked(id, conditions);
    }

    private boolean deleteLocked(UUID id, Preconditions conditions) {
        var em = Panache.getEntityManager(entityClass);
        E entity = lock(em, id);
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

    /**
     * Reads the entity locked until the transaction ends, so that of two writes sent with the same {@code If-Match}
     * the second one checks its condition against what the first one committed: it fails with 412 and the current
     * ETag, like any stale {@code If-Match}, instead of failing later on the version column.
     */
    private E lock(jakarta.persistence.EntityManager em, UUID id) {
        return em.find(entityClass, id, LockModeType.PESSIMISTIC_WRITE);
    }

    private E insert(UUID id, I input, boolean mayHaveBeenDeleted) {
        E entity = fresh(id, input);
        var em = Panache.getEntityManager(entityClass);
        entity.version = mayHaveBeenDeleted ? versionAfterDeletion(em, id) : 0;
        em.persist(entity);
        em.flush();
        publish(entity);
        return entity;
    }

    /** A new entity of this input under this id, its creator the caller; not persisted yet. */
    private E fresh(UUID id, I input) {
        E entity = newEntity();
        entity.id = id;
        caller.stampCreator(entity);
        apply(input, entity);
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
