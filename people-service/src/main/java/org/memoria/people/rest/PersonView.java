package org.memoria.people.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;
import org.memoria.common.contract.people.NameType;

/** A person as the people service answers it. */
@Schema(name = "Person")
public record PersonView(UUID id, @Schema(description = "Grows with every change; the ETag") long version,
        @Schema(example = "Ramón Mercader") String preferredName, List<Name> names, DateView birth, DateView death,
        String description, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    @Schema(name = "PersonNameView")
    public record Name(@Schema(example = "Jacques Mornard") String name, @Schema(example = "ALIAS") NameType type) {
    }
}
