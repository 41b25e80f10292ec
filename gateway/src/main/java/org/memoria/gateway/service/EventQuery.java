package org.memoria.gateway.service;

import static org.memoria.gateway.events.Links.ABOUT;
import static org.memoria.gateway.events.Links.PARENT;
import static org.memoria.gateway.events.Links.SUBJECT;
import static org.memoria.gateway.service.Compose.claims;
import static org.memoria.gateway.service.Compose.passages;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.gateway.api.ArchiveViews.EventDetail;
import org.memoria.gateway.api.ArchiveViews.Participant;
import org.memoria.gateway.api.ArchiveViews.PlaceSummary;
import org.memoria.gateway.service.ReadModel.Row;

/** An event with its participants, place, parent and child events, passages and claims. */
@ApplicationScoped
public class EventQuery extends EntityQuery<EventDetail> {

    public EventQuery() {
        super(EntityKind.EVENT);
    }

    @Override
    EventDetail compose(UUID id, Row row, ReadModel m) throws SQLException {
        EventState e = m.doc(row, EventState.class);
        List<Row> children = m.linking(id, EntityKind.EVENT, PARENT);
        List<Row> citations = m.linking(id, EntityKind.CITATION, ABOUT);
        List<Row> claimRows = m.linking(id, EntityKind.CLAIM, SUBJECT);
        Set<UUID> refs = new HashSet<>();
        refs.add(e.placeId());
        refs.add(e.parentEventId());
        e.participants().forEach(p -> refs.add(p.personId() != null ? p.personId() : p.organisationId()));
        m.fetch(refs);
        PlaceSummary place = null;
        if (e.placeId() != null) {
            Row placeRow = m.row(e.placeId());
            PlaceState ps = placeRow != null && placeRow.kind() == EntityKind.PLACE ? m.doc(placeRow, PlaceState.class) : null;
            place = ps == null ? new PlaceSummary(e.placeId(), null, null, null, null, false)
                    : new PlaceSummary(ps.id(), ps.name(), ps.type(), ps.latitude(), ps.longitude(), true);
        }
        List<Participant> participants = e.participants().stream().map(p -> new Participant(
                p.personId() != null ? m.ref(EntityKind.PERSON, p.personId())
                        : m.ref(EntityKind.ORGANISATION, p.organisationId()),
                p.role(), p.note())).toList();
        return new EventDetail(e.id(), row.version(), e.title(), e.type(), DateView.of(e.date()), place,
                e.placeName(), e.description(), m.ref(EntityKind.EVENT, e.parentEventId()),
                children.stream().map(Compose::eventSummary).toList(), participants, passages(citations, m),
                claims(claimRows, m));
    }
}
