package org.memoria.common.contract.people;

import java.util.List;
import java.util.UUID;

import org.memoria.common.contract.AuthorityIds;

/** Payload of {@code org.memoria.person.changed.v1}: the person's full state at {@code version}. */
public record PersonState(UUID id, long version, String preferredName, List<Name> names, String birthDate,
        UUID birthPlaceId, String deathDate, UUID deathPlaceId, String description, AuthorityIds identifiers) {

    /** A name with its kind, period of use (EDTF) and attesting source. */
    public record Name(String name, String type, String period, UUID sourceId) {
    }
}
