package org.memoria.common.contract.people;

import java.util.UUID;

/** Payload of {@code org.memoria.membership.changed.v1}. */
public record MembershipState(UUID id, long version, UUID personId, UUID organisationId, String role, String period,
        UUID sourceId) {
}
