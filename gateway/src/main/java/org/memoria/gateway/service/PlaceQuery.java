package org.memoria.gateway.service;

import static org.memoria.gateway.events.Links.PARENT;
import static org.memoria.gateway.events.Links.PLACE;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.gateway.api.ArchiveViews.PlaceDetail;
import org.memoria.gateway.service.ReadModel.Row;

/** A place with the places around it and the events that happened there. */
@ApplicationScoped
public class PlaceQuery extends EntityQuery<PlaceDetail> {

    public PlaceQuery() {
        super(EntityKind.PLACE);
    }

    @Override
    PlaceDetail compose(UUID id, Row row, ReadModel m) throws SQLException {
        PlaceState p = m.doc(row, PlaceState.class);
        List<Row> children = m.linking(id, EntityKind.PLACE, PARENT);
        List<Row> events = m.linking(id, EntityKind.EVENT, PLACE);
        m.fetch(java.util.Collections.singleton(p.parentPlaceId()));
        return new PlaceDetail(p.id(), row.version(), p.name(), p.alternateNames(), p.type(),
                p.latitude(), p.longitude(), m.ref(EntityKind.PLACE, p.parentPlaceId()),
                children.stream().map(r -> m.ref(EntityKind.PLACE, r.id())).toList(),
                events.stream().map(Compose::eventSummary).toList(), p.description());
    }
}
