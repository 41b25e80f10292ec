package org.memoria.common.contract.events;

import org.memoria.common.vocabulary.TermCode;
import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A place as an archivist writes it; the parent place must exist in the events service. */
@Schema(name = "PlaceInput")
public record PlaceInput(
        @NotBlank @Size(max = 300) @Schema(example = "Coyoacán", required = true) String name,
        @Size(max = 50) List<@NotBlank @Size(max = 300) String> alternateNames,
        @TermCode(ManagedVocabulary.PLACE_TYPES) @Schema(example = "DISTRICT", description = "A code of the place-types vocabulary (GET /vocabularies/place-types). Absent when the sources do not say") String type,
        @DecimalMin(value = "-90", message = "must be between -90 and 90")
        @DecimalMax(value = "90", message = "must be between -90 and 90") @Schema(example = "19.3467") Double latitude,
        @DecimalMin(value = "-180", message = "must be between -180 and 180")
        @DecimalMax(value = "180", message = "must be between -180 and 180") @Schema(example = "-99.1617") Double longitude,
        @Schema(description = "The enclosing place (events service)") UUID parentPlaceId,
        @Size(max = 10_000) String description) {

    public PlaceInput {
        alternateNames = alternateNames == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(alternateNames));
    }

    @jakarta.validation.constraints.AssertTrue(message = "latitude and longitude go together")
    @Schema(hidden = true)
    public boolean isCoordinatePair() {
        return (latitude == null) == (longitude == null);
    }
}
