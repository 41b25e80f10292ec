package org.memoria.common.contract.people;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.validation.EdtfString;

/** A person's membership of an organisation, with a role and a period. Both must exist in the people service. */
@Schema(name = "MembershipInput")
public record MembershipInput(
        @NotNull @Schema(required = true) UUID personId,
        @NotNull @Schema(required = true) UUID organisationId,
        @Size(max = 200) @Schema(example = "head of security") String role,
        @EdtfString
        @Schema(maxLength = EdtfString.MAX_LENGTH, format = EdtfString.FORMAT, example = "1937/1940") String period,
        @Schema(description = "The source attesting the membership (sources service)") UUID sourceId) {
}
