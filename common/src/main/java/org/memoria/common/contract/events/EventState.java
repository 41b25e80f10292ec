package org.memoria.common.contract.events;

import java.util.List;
import java.util.UUID;

/** Payload of {@code org.memoria.event.changed.v1}: the event's full state at {@code version}. */
public record EventState(UUID id, long version, String title, String type, String date, UUID placeId,
        String placeName, String description, UUID parentEventId, List<Participant> participants) {

    /** Exactly one of personId and organisationId is set. */
    public record Participant(UUID personId, UUID organisationId, String role, String note) {
    }
}
