package org.memoria.gateway.service;

import static org.memoria.gateway.service.Compose.membership;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.gateway.api.ArchiveViews.Membership;
import org.memoria.gateway.service.ReadModel.Row;

/** A membership: the person, the organisation, the role and the period. */
@ApplicationScoped
public class MembershipQuery {

    @Inject
    Snapshot snapshot;

    public Optional<Membership> find(UUID id) {
        return snapshot.read((c, m) -> {
            Row row = m.entity(id, EntityKind.MEMBERSHIP);
            if (row == null) {
                return Optional.empty();
            }
            MembershipState ms = m.doc(row, MembershipState.class);
            m.fetch(List.of(ms.personId(), ms.organisationId()));
            return Optional.of(membership(ms, m));
        });
    }
}
