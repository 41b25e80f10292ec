package org.memoria.common.contract.events;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.validation.EdtfString;

/** An event as an archivist writes it. Participants name people by id; they need not exist yet. */
@Schema(name = "EventInput", description = "An event as written by an archivist")
public record EventInput(
        @NotBlank @Size(max = 500) @Schema(example = "Armed attack on Trotsky's house in Coyoacán", required = true) String title,
        @NotNull @Schema(example = "ATTACK", required = true) EventType type,
        @EdtfString @Schema(example = "1940-05-24", description = "EDTF date") String date,
        @Size(max = 300) @Schema(example = "Coyoacán, Mexico City") String placeName,
        @Size(max = 10_000) String description,
        @Size(max = 500) List<@Valid @NotNull ParticipantInput> participants) {

    public EventInput {
        // null elements are kept so that validation names them (participants[i]); the list is not shared
        participants = participants == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(participants));
    }

    /** A person's part in the event. */
    @Schema(name = "ParticipantInput")
    public record ParticipantInput(
            @NotNull @Schema(required = true) UUID personId,
            @NotNull @Schema(example = "ORGANISER", required = true) ParticipantRole role) {
    }
}
