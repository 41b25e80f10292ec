package org.memoria.common.contract;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reference to an entity of any service, by kind and id; the entity need not be known yet. */
@Schema(name = "SubjectRef", description = "An entity of the archive, by kind and id")
public record SubjectRef(@NotNull @Schema(example = "PERSON", required = true) EntityKind kind,
        @NotNull @Schema(required = true) UUID id) {
}
