package org.memoria.events.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.api.Preconditions;
import org.memoria.common.contract.events.PlaceInput;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.common.events.Topics;
import org.memoria.common.service.OwnedEntityService;
import org.memoria.common.problem.StillReferencedException;
import org.memoria.events.domain.Event;
import org.memoria.events.domain.Place;
import org.memoria.events.mapping.PlaceMapper;
import org.memoria.common.contract.events.PlaceView;

import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class PlaceService extends OwnedEntityService<Place, PlaceInput, PlaceState, PlaceView> {

    @Inject
    PlaceMapper mapper;
    @Inject
    References references;

    public PlaceService() {
        super(Place.class, Topics.EVENTS, "place");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PlaceView> list(String name, String type, UUID parentPlaceId, int page, int size) {
        return page(Place.search(name, type, parentPlaceId, page, size), page, size,
                Place.countMatching(name, type, parentPlaceId));
    }

    /** The places directly inside this one, by name; empty when there is no such place. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Page<PlaceView>> children(UUID id, int page, int size) {
        if (Place.findById(id) == null) {
            return Optional.empty();
        }
        return Optional.of(list(null, null, id, page, size));
    }

    @Override
    public PlaceView view(Place place) {
        return mapper.toView(place);
    }

    /** Refuses, naming them, while events are at this place or places are inside it. */
    @Override
    @Transactional
    public boolean delete(UUID id, Preconditions conditions) {
        return deleteUnreferenced(id, conditions, this::requireUnreferenced);
    }

    private void requireUnreferenced(Place place) {
        UUID id = place.id;
        long events = Event.count("placeId", id);
        long places = Place.count("parentPlaceId", id);
        if (events + places > 0) {
            List<String> referrers = new ArrayList<>();
            if (events > 0) {
                referrers.add(events + (events == 1 ? " event " : " events ") + References.listed(
                        Event.<Event> find("placeId", Sort.by("title").and("id"), id).page(0, References.LISTED)
                                .list(), events, e -> e.title, e -> e.id));
            }
            if (places > 0) {
                referrers.add(places + (places == 1 ? " place " : " places ") + References.listed(
                        Place.<Place> find("parentPlaceId", Sort.by("name").and("id"), id).page(0, References.LISTED)
                                .list(), places, p -> p.name, p -> p.id));
            }
            throw new StillReferencedException("Place '" + place.name + "' is still referenced by "
                    + String.join(" and by ", referrers) + "; change or delete them first");
        }
    }

    @Override
    protected Place newEntity() {
        return new Place();
    }

    @Override
    protected void apply(PlaceInput input, Place place) {
        // before the entity changes, so a refused write leaves nothing behind
        references.checkPlace(place.id, input.name(), input.parentPlaceId());
        mapper.apply(input, place);
    }

    @Override
    protected PlaceInput inputOf(Place place) {
        return mapper.toInput(place);
    }

    @Override
    protected PlaceState stateOf(Place place) {
        return mapper.toState(place);
    }
}
