package org.memoria.common.contract.people;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;
import org.memoria.common.api.Versioned;

/** A membership as the people service answers it, with the names of the person and the organisation. */
@Schema(name = "Membership")
public record MembershipView(UUID id, @Schema(description = "Grows with every change; the ETag") long version,
        UUID personId, @Schema(example = "Joseph Hansen") String personName,
        UUID organisationId, @Schema(example = "Socialist Workers Party") String organisationName,
        @Schema(example = "head of security") String role, DateView period,
        @Schema(description = "The source attesting the membership (sources service)") UUID sourceId,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Versioned {
}
