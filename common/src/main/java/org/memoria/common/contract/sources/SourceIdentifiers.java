package org.memoria.common.contract.sources;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a source can be found. */
@Schema(name = "SourceIdentifiers")
public record SourceIdentifiers(
        @Size(max = 2_000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        @Schema(example = "https://www.wsws.org/en/articles/2025/05/28/ttab-m28.html") String url,
        @Pattern(regexp = "(97[89])?\\d{9}[\\dX]", message = "must be an ISBN-10 or ISBN-13 without hyphens")
        @Schema(example = "9781893638976") String isbn,
        @Size(max = 300) @Pattern(regexp = "10\\.\\d{4,9}/\\S+", message = "must be a DOI such as 10.1000/182")
        String doi,
        @Size(max = 300) @Schema(example = "FBI file 100-HQ-..." ) String archiveReference) {
}
