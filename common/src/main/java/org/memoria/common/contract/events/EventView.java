package org.memoria.common.contract.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;
import org.memoria.common.api.Versioned;

/** An event as the events service answers it. */
@Schema(name = "Event")
public record EventView(UUID id, @Schema(description = "Grows with every change; the ETag") long version,
        @Schema(example = "Armed attack on Trotsky's house in Coyoacán") String title,
        @Schema(example = "ATTACK", description = "A code of the event-types vocabulary (GET /vocabularies/event-types)") String type, DateView date,
        @Schema(description = "The place (a place of this service)") UUID placeId,
        @Schema(description = "The place's name, type and coordinates, when placeId is set") Place place,
        @Schema(example = "Coyoacán, Mexico City", description = "Free-text place, or a refinement of the place")
        String placeName,
        String description,
        @Schema(description = "The larger event this one is part of") UUID parentEventId,
        @Schema(description = "Who took part and how, in the order written") List<Participant> participants,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Versioned {

    @Schema(name = "EventPlaceView", description = "The event's place, as it is now")
    public record Place(UUID id, @Schema(example = "Coyoacán") String name, @Schema(example = "DISTRICT", description = "A code of the place-types vocabulary (GET /vocabularies/place-types)") String type,
            @Schema(example = "19.3467") Double latitude, @Schema(example = "-99.1617") Double longitude) {
    }

    @Schema(name = "ParticipantView", description = "Exactly one of personId and organisationId is set")
    public record Participant(@Schema(description = "A person of the people service") UUID personId,
            @Schema(description = "An organisation of the people service") UUID organisationId,
            @Schema(example = "ORGANISER", description = "A code of the participant-roles vocabulary (GET /vocabularies/participant-roles)") String role,
            @Schema(example = "Led the squad of some twenty gunmen") String note) {
    }
}
