package org.memoria.common.contract.events;

import org.memoria.common.vocabulary.TermCode;
import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.validation.EdtfString;

/**
 * An event as an archivist writes it. The place and the parent event must exist in the events service; participants
 * name people or organisations of the people service by id, and need not exist yet.
 */
@Schema(name = "EventInput", description = "An event as written by an archivist")
public record EventInput(
        @NotBlank @Size(max = 500) @Schema(example = "Armed attack on Trotsky's house in Coyoacán", required = true) String title,
        @NotNull @TermCode(ManagedVocabulary.EVENT_TYPES) @Schema(example = "ATTACK", required = true, description = "A code of the event-types vocabulary (GET /vocabularies/event-types)") String type,
        @EdtfString
        @Schema(maxLength = EdtfString.MAX_LENGTH, format = EdtfString.FORMAT,
                example = "1940-05-24", description = "EDTF date") String date,
        @Schema(description = "The place (events service)") UUID placeId,
        @Size(max = 300) @Schema(example = "Coyoacán, Mexico City", description = "Free-text place, when no place entity fits") String placeName,
        @Size(max = 10_000) String description,
        @Schema(description = "The larger event this one is part of (events service)") UUID parentEventId,
        @Size(max = 500) List<@Valid @NotNull ParticipantInput> participants) {

    public EventInput {
        participants = participants == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(participants));
    }

    /** A person's or an organisation's part in the event: exactly one of the two ids. */
    @Schema(name = "ParticipantInput")
    public record ParticipantInput(
            UUID personId,
            UUID organisationId,
            @TermCode(ManagedVocabulary.PARTICIPANT_ROLES) @Schema(example = "ORGANISER", description = "A code of the participant-roles vocabulary (GET /vocabularies/participant-roles). Absent when the sources do not say what part they played") String role,
            @Size(max = 2_000) String note) {

        @jakarta.validation.constraints.AssertTrue(message = "exactly one of personId and organisationId")
        @Schema(hidden = true)
        public boolean isOneParticipant() {
            return (personId == null) != (organisationId == null);
        }
    }
}
