package org.memoria.common.contract.people;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;
import org.memoria.common.api.Versioned;

/** A relation as the people service answers it: "fromPersonName {label} toPersonName". */
@Schema(name = "Relation")
public record RelationView(UUID id, @Schema(description = "Grows with every change; the ETag") long version,
        UUID fromPersonId, @Schema(example = "Sylvia Ageloff") String fromPersonName,
        @Schema(example = "LIAISON", description = "A code of the relation-types vocabulary (GET /vocabularies/relation-types)") String type,
        @Schema(example = "liaison of", description = "The type read from the from-person") String label,
        @Schema(example = "had as liaison", description = "The type read from the to-person") String inverseLabel,
        UUID toPersonId, @Schema(example = "Ramón Mercader") String toPersonName,
        DateView period, String note,
        @Schema(description = "The source attesting the relation (sources service)") UUID sourceId,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Versioned {
}
