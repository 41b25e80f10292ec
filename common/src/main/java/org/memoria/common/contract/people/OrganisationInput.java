package org.memoria.common.contract.people;

import org.memoria.common.vocabulary.TermCode;
import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.contract.AuthorityIds;
import org.memoria.common.validation.EdtfString;

/** An organisation (party, secret police, international…) as an archivist writes it. */
@Schema(name = "OrganisationInput")
public record OrganisationInput(
        @NotBlank @Size(max = 300) @Schema(example = "Socialist Workers Party", required = true) String preferredName,
        @Size(max = 50) List<@Valid @NotNull NameInput> names,
        @TermCode(ManagedVocabulary.ORGANISATION_TYPES) @Schema(example = "POLITICAL_PARTY", description = "A code of the organisation-types vocabulary (GET /vocabularies/organisation-types). Absent when the sources do not say") String type,
        @EdtfString
        @Schema(maxLength = EdtfString.MAX_LENGTH, format = EdtfString.FORMAT, example = "1938-01") String founded,
        @EdtfString
        @Schema(maxLength = EdtfString.MAX_LENGTH, format = EdtfString.FORMAT) String dissolved,
        @Size(max = 10_000) String description,
        @Valid AuthorityIds identifiers) {

    public OrganisationInput {
        names = names == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(names));
    }
}
