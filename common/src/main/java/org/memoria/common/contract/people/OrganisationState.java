package org.memoria.common.contract.people;

import java.util.List;
import java.util.UUID;

import org.memoria.common.contract.AuthorityIds;

/** Payload of {@code org.memoria.organisation.changed.v1}. */
public record OrganisationState(UUID id, long version, String preferredName, List<PersonState.Name> names,
        String type, String founded, String dissolved, String description, AuthorityIds identifiers) {
}
