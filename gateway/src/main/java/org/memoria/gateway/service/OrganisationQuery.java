package org.memoria.gateway.service;

import static org.memoria.gateway.events.Links.AUTHOR;
import static org.memoria.gateway.events.Links.OF_ORGANISATION;
import static org.memoria.gateway.events.Links.PARTICIPANT;
import static org.memoria.gateway.service.Compose.membership;
import static org.memoria.gateway.service.Compose.names;
import static org.memoria.gateway.service.Compose.participations;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.OrganisationState;
import org.memoria.gateway.api.ArchiveViews.OrganisationDetail;
import org.memoria.gateway.service.ReadModel.Row;

/** An organisation with its names, members, events and publications. */
@ApplicationScoped
public class OrganisationQuery extends EntityQuery<OrganisationDetail> {

    public OrganisationQuery() {
        super(EntityKind.ORGANISATION);
    }

    @Override
    OrganisationDetail compose(UUID id, Row row, ReadModel m) throws SQLException {
        OrganisationState o = m.doc(row, OrganisationState.class);
        List<MembershipState> members = m.linking(id, EntityKind.MEMBERSHIP, OF_ORGANISATION).stream()
                .map(r -> m.doc(r, MembershipState.class)).toList();
        List<Row> eventRows = m.linking(id, EntityKind.EVENT, PARTICIPANT);
        List<Row> authored = m.linking(id, EntityKind.SOURCE, AUTHOR);
        Set<UUID> refs = new HashSet<>();
        members.forEach(ms -> refs.add(ms.personId()));
        o.names().forEach(n -> refs.add(n.sourceId()));
        m.fetch(refs);
        return new OrganisationDetail(o.id(), row.version(), o.preferredName(), names(o.names(), m),
                o.type(), DateView.of(o.founded()), DateView.of(o.dissolved()), o.description(), o.identifiers(),
                members.stream().map(ms -> membership(ms, m)).toList(), participations(id, eventRows, m),
                authored.stream().map(r -> m.source(r.id())).toList());
    }
}
