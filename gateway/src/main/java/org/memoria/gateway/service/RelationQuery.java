package org.memoria.gateway.service;

import static org.memoria.gateway.service.Compose.relation;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.people.RelationState;
import org.memoria.gateway.api.ArchiveViews.Relation;
import org.memoria.gateway.service.ReadModel.Row;

/** A relation, read from its first person's side. */
@ApplicationScoped
public class RelationQuery extends EntityQuery<Relation> {

    public RelationQuery() {
        super(EntityKind.RELATION);
    }

    @Override
    Relation compose(UUID id, Row row, ReadModel m) throws SQLException {
        RelationState r = m.doc(row, RelationState.class);
        m.fetch(List.of(r.fromPersonId(), r.toPersonId()));
        return relation(r, r.fromPersonId(), m);
    }
}
