package org.memoria.common.contract.people;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.contract.AuthorityIds;
import org.memoria.common.validation.EdtfString;

/** A person as an archivist writes it. Place ids name places of the events service; they need not exist yet. */
@Schema(name = "PersonInput", description = "A person as written by an archivist")
public record PersonInput(
        @NotBlank @Size(max = 300) @Schema(example = "Ramón Mercader", required = true) String preferredName,
        @Size(max = 50) List<@Valid @NotNull NameInput> names,
        @EdtfString
        @Schema(maxLength = EdtfString.MAX_LENGTH, format = EdtfString.FORMAT,
                example = "1913-02-07", description = "EDTF date") String birthDate,
        @Schema(description = "Place of birth (events service)") UUID birthPlaceId,
        @EdtfString
        @Schema(maxLength = EdtfString.MAX_LENGTH, format = EdtfString.FORMAT,
                example = "1978-10-18", description = "EDTF date") String deathDate,
        @Schema(description = "Place of death (events service)") UUID deathPlaceId,
        @Size(max = 10_000) @Schema(example = "GPU agent who killed Leon Trotsky on August 20, 1940.") String description,
        @Valid AuthorityIds identifiers) {

    public PersonInput {
        // null elements are kept so that validation names them (names[i]); the list is not shared
        names = names == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(names));
    }
}
