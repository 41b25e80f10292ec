package org.memoria.common.contract.events;

import java.util.List;
import java.util.UUID;

/** Payload of {@code org.memoria.event.changed.v1}: the event's full state at {@code version}. */
public record EventState(UUID id, long version, String title, EventType type, String date, String placeName,
        String description, List<Participant> participants) {

    public record Participant(UUID personId, ParticipantRole role) {
    }
}
