package org.memoria.common.contract.people;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;
import org.memoria.common.api.Versioned;
import org.memoria.common.contract.AuthorityIds;

/** A person as the people service answers it. */
@Schema(name = "Person")
public record PersonView(UUID id, @Schema(description = "Grows with every change; the ETag") long version,
        @Schema(example = "Ramón Mercader") String preferredName, List<NameView> names,
        DateView birth, @Schema(description = "Place of birth (events service)") UUID birthPlaceId,
        DateView death, @Schema(description = "Place of death (events service)") UUID deathPlaceId,
        String description, AuthorityIds identifiers, OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Versioned {
}
