package org.memoria.common.contract.sources;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;
import org.memoria.common.api.Versioned;
import org.memoria.common.contract.sources.SourceIdentifiers;

/** A source as the sources service answers it. */
@Schema(name = "Source")
public record SourceView(UUID id, @Schema(description = "Grows with every change; the ETag") long version,
        @Schema(example = "ARTICLE", description = "A code of the source-types vocabulary (GET /vocabularies/source-types)") String type, @Schema(example = "Stalin Seeks My Death") String title,
        @Schema(description = "Translations and other titles") List<OtherTitle> otherTitles,
        @Schema(description = "People of the people service, in the order of the byline") List<UUID> authorIds,
        @Schema(description = "Organisations of the people service that wrote it") List<UUID> organisationAuthorIds,
        DateView date, @Schema(example = "Mehring Books") String publisher,
        @Schema(example = "Fourth International") String periodical,
        @Schema(example = "en", description = "ISO 639 code") String language,
        @Schema(description = "null when none is known") SourceIdentifiers identifiers, String description,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Versioned {
}
