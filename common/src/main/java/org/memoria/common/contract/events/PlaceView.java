package org.memoria.common.contract.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.memoria.common.api.Versioned;

/** A place as the events service answers it. */
@Schema(name = "Place")
public record PlaceView(UUID id, @Schema(description = "Grows with every change; the ETag") long version,
        @Schema(example = "Coyoacán") String name,
        @Schema(example = "[\"Coyoacan\"]") List<String> alternateNames,
        @Schema(example = "DISTRICT", description = "A code of the place-types vocabulary (GET /vocabularies/place-types)") String type,
        @Schema(example = "19.3467", description = "WGS 84 degrees; set together with longitude") Double latitude,
        @Schema(example = "-99.1617", description = "WGS 84 degrees; set together with latitude") Double longitude,
        @Schema(description = "The enclosing place") UUID parentPlaceId,
        String description, OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Versioned {
}
