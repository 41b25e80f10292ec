package org.memoria.common.contract.sources;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.contract.SubjectRef;

/** A passage of a source: where it is (locator), what it says (quote) and what it is about. */
@Schema(name = "CitationInput")
public record CitationInput(
        @NotNull @Schema(required = true, description = "The source (must exist in the sources service)") UUID sourceId,
        @Size(max = 300) @Schema(example = "part 3, paragraph 2") String locator,
        @Size(max = 20_000) @Schema(example = "The accidental failure of the assault, so carefully and so ably prepared, is a serious blow to Stalin.") String quote,
        @Size(max = 50) List<@Valid @NotNull SubjectRef> about,
        @Size(max = 2_000) String note) {

    public CitationInput {
        about = about == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(about));
    }
}
