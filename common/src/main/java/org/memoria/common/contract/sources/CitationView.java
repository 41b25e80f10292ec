package org.memoria.common.contract.sources;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.Versioned;
import org.memoria.common.contract.SubjectRef;

/** A citation as the sources service answers it. */
@Schema(name = "Citation")
public record CitationView(UUID id, @Schema(description = "Grows with every change; the ETag") long version,
        @Schema(description = "The source the passage is in") UUID sourceId,
        @Schema(example = "part 3, paragraph 2") String locator,
        @Schema(example = "The accidental failure of the assault, so carefully and so ably prepared, is a serious blow to Stalin.")
        String quote,
        @Schema(description = "The people, events and other entities the passage concerns") List<SubjectRef> about,
        String note, OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Versioned {
}
