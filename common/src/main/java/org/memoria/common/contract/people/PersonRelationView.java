package org.memoria.common.contract.people;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;

/** A relation read from one person's side: "this person {label} otherPersonName". */
@Schema(name = "PersonRelation", description = "A relation as one of its two persons sees it")
public record PersonRelationView(
        @Schema(description = "The relation's id") UUID id,
        @Schema(example = "LIAISON", description = "A code of the relation-types vocabulary (GET /vocabularies/relation-types)") String type,
        @Schema(description = "FROM when this person is the relation's from-person, TO when the to-person") Side side,
        @Schema(example = "had as liaison", description = "The type read from this person's side") String label,
        UUID otherPersonId, @Schema(example = "Sylvia Ageloff") String otherPersonName,
        DateView period, String note, UUID sourceId) {

    public enum Side {
        FROM, TO
    }
}
