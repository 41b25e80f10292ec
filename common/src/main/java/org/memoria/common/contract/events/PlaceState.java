package org.memoria.common.contract.events;

import java.util.List;
import java.util.UUID;

/** Payload of {@code org.memoria.place.changed.v1}. */
public record PlaceState(UUID id, long version, String name, List<String> alternateNames, String type,
        Double latitude, Double longitude, UUID parentPlaceId, String description) {
}
