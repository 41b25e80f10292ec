package org.memoria.common.contract.people;

import org.memoria.common.vocabulary.TermCode;
import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.validation.EdtfString;

/** "fromPerson is {type} of toPerson", over a period. Both must be persons of the people service. */
@Schema(name = "RelationInput")
public record RelationInput(
        @NotNull @Schema(required = true) UUID fromPersonId,
        @NotNull @TermCode(ManagedVocabulary.RELATION_TYPES) @Schema(example = "LIAISON", required = true, description = "A code of the relation-types vocabulary (GET /vocabularies/relation-types)") String type,
        @NotNull @Schema(required = true) UUID toPersonId,
        @EdtfString
        @Schema(maxLength = EdtfString.MAX_LENGTH, format = EdtfString.FORMAT,
                example = "1938/1940-08-20") String period,
        @Size(max = 2_000) String note,
        @Schema(description = "The source attesting the relation (sources service)") UUID sourceId) {
}
