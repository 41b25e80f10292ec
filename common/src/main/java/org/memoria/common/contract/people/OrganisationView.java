package org.memoria.common.contract.people;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;
import org.memoria.common.api.Versioned;
import org.memoria.common.contract.AuthorityIds;

/** An organisation as the people service answers it. */
@Schema(name = "Organisation")
public record OrganisationView(UUID id, @Schema(description = "Grows with every change; the ETag") long version,
        @Schema(example = "Socialist Workers Party") String preferredName, List<NameView> names,
        @Schema(example = "POLITICAL_PARTY", description = "A code of the organisation-types vocabulary (GET /vocabularies/organisation-types)") String type, DateView founded, DateView dissolved,
        String description, AuthorityIds identifiers, OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Versioned {
}
