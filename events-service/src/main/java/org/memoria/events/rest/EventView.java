package org.memoria.events.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.DateView;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.ParticipantRole;

/** An event as the events service answers it. */
@Schema(name = "Event")
public record EventView(UUID id, @Schema(description = "Grows with every change; the ETag") long version,
        @Schema(example = "Armed attack on Trotsky's house in Coyoacán") String title,
        @Schema(example = "ATTACK") EventType type, DateView date,
        @Schema(example = "Coyoacán, Mexico City") String placeName, String description,
        @Schema(description = "Who took part and how, in the order written") List<Participant> participants,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    @Schema(name = "ParticipantView")
    public record Participant(@Schema(description = "A person of the people service") UUID personId,
            @Schema(example = "ORGANISER") ParticipantRole role) {
    }
}
