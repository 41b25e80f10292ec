package org.memoria.common.contract.sources;

import org.memoria.common.vocabulary.TermCode;
import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.validation.EdtfString;

/** A source as an archivist writes it. Authors are people or organisations (people service) by id. */
@Schema(name = "SourceInput", description = "A source as written by an archivist")
public record SourceInput(
        @NotNull @TermCode(ManagedVocabulary.SOURCE_TYPES) @Schema(example = "ARTICLE", required = true, description = "A code of the source-types vocabulary (GET /vocabularies/source-types)") String type,
        @NotBlank @Size(max = 500) @Schema(example = "Stalin Seeks My Death", required = true) String title,
        @Size(max = 20) @Schema(description = "Translations and other titles; the source is found by each")
        List<@Valid @NotNull OtherTitle> otherTitles,
        @Size(max = 50) List<@NotNull UUID> authorIds,
        @Size(max = 50) List<@NotNull UUID> organisationAuthorIds,
        @EdtfString
        @Schema(maxLength = EdtfString.MAX_LENGTH, format = EdtfString.FORMAT,
                example = "1940-06-08", description = "EDTF date") String date,
        @Size(max = 300) @Schema(example = "Mehring Books") String publisher,
        @Size(max = 300) @Schema(example = "Fourth International") String periodical,
        @Pattern(regexp = "[a-z]{2,3}", message = "must be an ISO 639 language code such as en")
        @Schema(example = "en") String language,
        @Valid SourceIdentifiers identifiers,
        @Size(max = 10_000) String description) {

    public SourceInput {
        otherTitles = otherTitles == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(otherTitles));
        authorIds = authorIds == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(authorIds));
        organisationAuthorIds = organisationAuthorIds == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(organisationAuthorIds));
    }
}
