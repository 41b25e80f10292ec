package org.memoria.common.contract.people;

import java.util.List;
import java.util.UUID;

/** Payload of {@code org.memoria.person.changed.v1}: the person's full state at {@code version}. */
public record PersonState(UUID id, long version, String preferredName, List<Name> names, String birthDate,
        String deathDate, String description) {

    public record Name(String name, NameType type) {
    }
}
