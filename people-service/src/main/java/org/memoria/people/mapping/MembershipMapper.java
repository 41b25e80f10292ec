package org.memoria.people.mapping;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.people.MembershipInput;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.people.domain.Membership;
import org.memoria.people.domain.Organisation;
import org.memoria.people.domain.Person;
import org.memoria.common.contract.people.MembershipView;

/** The three shapes of a membership; the answer to clients names the person and the organisation. */
@ApplicationScoped
public class MembershipMapper {

    public void apply(MembershipInput input, Membership membership) {
        membership.personId = input.personId();
        membership.organisationId = input.organisationId();
        membership.role = input.role();
        if (!Values.same(membership.period, input.period())) {
            membership.period = EdtfValue.of(input.period());
        }
        membership.sourceId = input.sourceId();
    }

    public MembershipInput toInput(Membership membership) {
        return new MembershipInput(membership.personId, membership.organisationId, membership.role,
                EdtfValue.edtf(membership.period), membership.sourceId);
    }

    public MembershipState toState(Membership membership) {
        return new MembershipState(membership.id, membership.version, membership.personId, membership.organisationId,
                membership.role, EdtfValue.edtf(membership.period), membership.sourceId);
    }

    public MembershipView toView(Membership membership) {
        return toViews(List.of(membership)).get(0);
    }

    /** Views of several memberships, with the current names of their persons and organisations (two queries). */
    public List<MembershipView> toViews(List<Membership> memberships) {
        Map<UUID, String> persons = Person.preferredNames(memberships.stream().map(m -> m.personId)
                .collect(Collectors.toSet()));
        Map<UUID, String> organisations = Organisation.preferredNames(memberships.stream().map(m -> m.organisationId)
                .collect(Collectors.toSet()));
        return memberships.stream().map(m -> new MembershipView(m.id, m.version, m.personId, persons.get(m.personId),
                m.organisationId, organisations.get(m.organisationId), m.role, DateView.of(EdtfValue.edtf(m.period)),
                m.sourceId, m.createdAt, m.updatedAt)).toList();
    }
}
