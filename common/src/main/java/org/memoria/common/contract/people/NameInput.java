package org.memoria.common.contract.people;

import org.memoria.common.vocabulary.TermCode;
import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.validation.EdtfString;

/** A name of a person or organisation: its kind, when it was used, and the source that attests it. */
@Schema(name = "NameInput")
public record NameInput(
        @NotBlank @Size(max = 300) @Schema(example = "Frank Jacson", required = true) String name,
        @NotNull @TermCode(ManagedVocabulary.NAME_TYPES) @Schema(example = "ALIAS", required = true, description = "A code of the name-types vocabulary (GET /vocabularies/name-types)") String type,
        @EdtfString
        @Schema(maxLength = EdtfString.MAX_LENGTH, format = EdtfString.FORMAT,
                example = "1939/1940-08-20", description = "EDTF period of use") String period,
        @Schema(description = "The source attesting the name (sources service); may be unresolved") UUID sourceId) {
}
