package org.memoria.events.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;


/**
 * What a list of events is filtered by; every criterion is optional (null) and they all hold together.
 *
 * @param placeIds events at any of these places (a place and everything inside it); null for any place
 * @param from     events that may have happened on or after this day (their date overlaps [from, to])
 * @param to       events that may have happened on or before this day
 */
public record EventCriteria(String type, UUID personId, UUID organisationId, Collection<UUID> placeIds,
        UUID parentEventId, LocalDate from, LocalDate to) {

    public static EventCriteria childrenOf(UUID parentEventId) {
        return new EventCriteria(null, null, null, null, parentEventId, null, null);
    }
}
