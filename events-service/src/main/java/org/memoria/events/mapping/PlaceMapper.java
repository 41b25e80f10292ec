package org.memoria.events.mapping;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.contract.events.PlaceInput;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.events.domain.Place;
import org.memoria.common.contract.events.PlaceView;

/** The three shapes of a place: write model, entity and event payload, and the answer to clients. */
@ApplicationScoped
public class PlaceMapper {

    @jakarta.inject.Inject
    org.memoria.common.vocabulary.Vocabularies vocabularies;

    public void apply(PlaceInput input, Place place) {
        place.name = input.name();
        place.alternateNames.clear();
        place.alternateNames.addAll(input.alternateNames());
        place.type = vocabularies.code(org.memoria.common.contract.events.PlaceType.VOCABULARY, input.type());
        place.latitude = input.latitude();
        place.longitude = input.longitude();
        place.parentPlaceId = input.parentPlaceId();
        place.description = input.description();
    }

    public PlaceInput toInput(Place place) {
        return new PlaceInput(place.name, List.copyOf(place.alternateNames), place.type, place.latitude,
                place.longitude, place.parentPlaceId, place.description);
    }

    public PlaceState toState(Place place) {
        return new PlaceState(place.id, place.version, place.name, List.copyOf(place.alternateNames), place.type,
                place.latitude, place.longitude, place.parentPlaceId, place.description);
    }

    public PlaceView toView(Place place) {
        return new PlaceView(place.id, place.version, place.name, List.copyOf(place.alternateNames), place.type,
                place.latitude, place.longitude, place.parentPlaceId, place.description, place.createdAt,
                place.updatedAt);
    }
}
