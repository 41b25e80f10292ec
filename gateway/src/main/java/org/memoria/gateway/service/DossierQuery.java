package org.memoria.gateway.service;

import static org.memoria.gateway.events.Links.ABOUT;
import static org.memoria.gateway.events.Links.AUTHOR;
import static org.memoria.gateway.events.Links.MEMBER;
import static org.memoria.gateway.events.Links.PARTICIPANT;
import static org.memoria.gateway.events.Links.RELATION_FROM;
import static org.memoria.gateway.events.Links.RELATION_TO;
import static org.memoria.gateway.events.Links.SUBJECT;
import static org.memoria.gateway.service.Compose.claims;
import static org.memoria.gateway.service.Compose.membership;
import static org.memoria.gateway.service.Compose.names;
import static org.memoria.gateway.service.Compose.participations;
import static org.memoria.gateway.service.Compose.passages;
import static org.memoria.gateway.service.Compose.relation;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.people.RelationState;
import org.memoria.gateway.api.ArchiveViews.Dossier;
import org.memoria.gateway.api.ArchiveViews.Participation;
import org.memoria.gateway.service.ReadModel.Row;

/** A person's dossier: the person with everything the archive links to them. */
@ApplicationScoped
public class DossierQuery extends EntityQuery<Dossier> {

    public DossierQuery() {
        super(EntityKind.PERSON);
    }

    @Override
    Dossier compose(UUID id, Row row, ReadModel m) throws SQLException {
        PersonState p = m.doc(row, PersonState.class);
        List<Row> membershipRows = m.linking(id, EntityKind.MEMBERSHIP, MEMBER);
        List<Row> relationRows = m.linking(id, EntityKind.RELATION, RELATION_FROM, RELATION_TO);
        List<Row> eventRows = m.linking(id, EntityKind.EVENT, PARTICIPANT);
        List<Row> authored = m.linking(id, EntityKind.SOURCE, AUTHOR);
        List<Row> citations = m.linking(id, EntityKind.CITATION, ABOUT);
        List<Row> claimRows = m.linking(id, EntityKind.CLAIM, SUBJECT);

        Set<UUID> refs = new HashSet<>();
        refs.add(p.birthPlaceId());
        refs.add(p.deathPlaceId());
        p.names().forEach(n -> refs.add(n.sourceId()));
        List<MembershipState> memberships = membershipRows.stream().map(r -> m.doc(r, MembershipState.class)).toList();
        memberships.forEach(ms -> refs.add(ms.organisationId()));
        List<RelationState> relations = relationRows.stream().distinct().map(r -> m.doc(r, RelationState.class)).toList();
        relations.forEach(r -> refs.add(r.fromPersonId().equals(id) ? r.toPersonId() : r.fromPersonId()));
        m.fetch(refs);

        List<Participation> participations = participations(id, eventRows, m);
        List<org.memoria.gateway.api.ArchiveViews.Relation> relationViews = new java.util.ArrayList<>();
        for (RelationState r : relations) {
            relationViews.add(relation(r, id, m));
        }
        return new Dossier(p.id(), row.version(), p.preferredName(), names(p.names(), m),
                DateView.of(p.birthDate()), m.ref(EntityKind.PLACE, p.birthPlaceId()), DateView.of(p.deathDate()),
                m.ref(EntityKind.PLACE, p.deathPlaceId()), p.description(), p.identifiers(),
                memberships.stream().map(ms -> membership(ms, m)).toList(),
                relationViews,
                participations, authored.stream().map(r -> m.source(r.id())).toList(),
                passages(citations, m), claims(claimRows, m));
    }
}
