package org.memoria.gateway.service;

import static org.memoria.gateway.service.Compose.relation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.people.RelationState;
import org.memoria.gateway.api.ArchiveViews.Relation;
import org.memoria.gateway.service.ReadModel.Row;

/** A relation, read from its first person's side. */
@ApplicationScoped
public class RelationQuery {

    @Inject
    Snapshot snapshot;

    public Optional<Relation> find(UUID id) {
        return snapshot.read((c, m) -> {
            Row row = m.entity(id, EntityKind.RELATION);
            if (row == null) {
                return Optional.empty();
            }
            RelationState r = m.doc(row, RelationState.class);
            m.fetch(List.of(r.fromPersonId(), r.toPersonId()));
            return Optional.of(relation(r, r.fromPersonId(), m));
        });
    }
}
