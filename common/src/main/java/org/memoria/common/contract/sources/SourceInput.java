package org.memoria.common.contract.sources;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.validation.EdtfString;

/** A source as an archivist writes it. Authors are person ids; they need not exist yet. */
@Schema(name = "SourceInput", description = "A source as written by an archivist")
public record SourceInput(
        @NotNull @Schema(example = "ARTICLE", required = true) SourceType type,
        @NotBlank @Size(max = 500) @Schema(example = "Stalin Seeks My Death", required = true) String title,
        @Size(max = 50) List<@NotNull UUID> authorIds,
        @EdtfString @Schema(example = "1940-06-08", description = "EDTF date") String date,
        @Size(max = 300) @Schema(example = "Fourth International") String publisher,
        @Size(max = 2_000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url) {

    public SourceInput {
        // null elements are kept so that validation names them (authorIds[i]); the list is not shared
        authorIds = authorIds == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(authorIds));
    }
}
