package org.memoria.common.contract.people;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;

/** A name of a person or organisation as the people service answers it. */
@Schema(name = "NameView")
public record NameView(@Schema(example = "Frank Jacson") String name, @Schema(example = "ALIAS", description = "A code of the name-types vocabulary (GET /vocabularies/name-types)") String type,
        @Schema(description = "When the name was in use") DateView period,
        @Schema(description = "The source attesting the name (sources service)") UUID sourceId) {
}
