package org.memoria.gateway.service;

import static org.memoria.gateway.service.Compose.membership;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.gateway.api.ArchiveViews.Membership;
import org.memoria.gateway.service.ReadModel.Row;

/** A membership: the person, the organisation, the role and the period. */
@ApplicationScoped
public class MembershipQuery extends EntityQuery<Membership> {

    public MembershipQuery() {
        super(EntityKind.MEMBERSHIP);
    }

    @Override
    Membership compose(UUID id, Row row, ReadModel m) throws SQLException {
        MembershipState ms = m.doc(row, MembershipState.class);
        m.fetch(List.of(ms.personId(), ms.organisationId()));
        return membership(ms, m);
    }
}
