package org.memoria.gateway.service;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.service.ReadModel.Row;

/**
 * The composed view of one entity, read in one {@link Snapshot}: empty unless the read model holds a live entity of
 * this kind with the id.
 *
 * @param <V> the view
 */
public abstract class EntityQuery<V> {

    @Inject
    Snapshot snapshot;

    private final EntityKind kind;

    EntityQuery(EntityKind kind) {
        this.kind = kind;
    }

    public Optional<V> find(UUID id) {
        return snapshot.read((c, m) -> {
            Row row = m.entity(id, kind);
            return row == null ? Optional.<V> empty() : Optional.of(compose(id, row, m));
        });
    }

    /** The view of the entity in this row; what else it shows is read from {@code m}, in the same snapshot. */
    abstract V compose(UUID id, Row row, ReadModel m) throws SQLException;
}
