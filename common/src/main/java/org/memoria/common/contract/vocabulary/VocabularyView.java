package org.memoria.common.contract.vocabulary;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A managed vocabulary (a SKOS concept scheme) and its terms, deprecated ones included and marked. */
@Schema(name = "Vocabulary", description = "A managed vocabulary (a SKOS concept scheme) with its terms")
public record VocabularyView(
        @Schema(example = "event-types") String name,
        @Schema(example = "Event types") String title,
        String description,
        @Schema(example = "events", description = "The service that owns and validates it") String owner,
        @Schema(description = "Its terms, by code; absent in the list of vocabularies") List<TermView> terms) {
}
