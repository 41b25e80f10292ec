package org.memoria.events.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.problem.Problem;
import org.memoria.common.problem.InvalidReferenceException;
import org.memoria.events.domain.Event;
import org.memoria.events.domain.Place;

/**
 * The references inside this service: an event's place and parent event, a place's parent place. Each must name an
 * existing entity of the right kind, and a parent chain must not loop. (People and organisations belong to the
 * people service and are not checked here.)
 */
@ApplicationScoped
public class References {

    /** How many names a message lists before it says "and n more". */
    static final int LISTED = 5;

    /** Throws when the event's references are invalid; runs before anything is written. */
    public void checkEvent(UUID eventId, String title, UUID placeId, UUID parentEventId) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (placeId != null) {
            placeProblem(placeId).ifPresent(reason -> errors.add(new Problem.FieldError("placeId", reason)));
        }
        if (parentEventId != null) {
            String reason;
            if (parentEventId.equals(eventId)) {
                reason = "an event cannot be part of itself";
            } else if (Event.findById(parentEventId) == null) {
                reason = Place.findById(parentEventId) != null ? parentEventId + " is a place, not an event"
                        : "no event with id " + parentEventId;
            } else {
                reason = loop(eventId, title, parentEventId, id -> Event.<Event> findById(id),
                        e -> e.parentEventId, e -> e.title, "event");
            }
            if (reason != null) {
                errors.add(new Problem.FieldError("parentEventId", reason));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidReferenceException(errors);
        }
    }

    /** Throws when the place's parent is invalid; runs before anything is written. */
    public void checkPlace(UUID placeId, String name, UUID parentPlaceId) {
        if (parentPlaceId == null) {
            return;
        }
        String reason;
        if (parentPlaceId.equals(placeId)) {
            reason = "a place cannot be inside itself";
        } else {
            reason = placeProblem(parentPlaceId).orElseGet(() -> loop(placeId, name, parentPlaceId,
                    id -> Place.<Place> findById(id), p -> p.parentPlaceId, p -> p.name, "place"));
        }
        if (reason != null) {
            throw new InvalidReferenceException(List.of(new Problem.FieldError("parentPlaceId", reason)));
        }
    }

    private static java.util.Optional<String> placeProblem(UUID id) {
        if (Place.findById(id) != null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Event.findById(id) != null ? id + " is an event, not a place"
                : "no place with id " + id);
    }

    /**
     * Walks up from the new parent; reaching the entity itself means the write would make it its own ancestor.
     *
     * @return the reason, or null when the chain ends
     */
    private static <T> String loop(UUID self, String selfName, UUID parent, Function<UUID, T> find,
            Function<T, UUID> parentOf, Function<T, String> nameOf, String kind) {
        List<String> chain = new ArrayList<>();
        Set<UUID> seen = new LinkedHashSet<>();
        UUID current = parent;
        while (current != null && seen.add(current)) {
            if (current.equals(self)) {
                chain.add("'" + selfName + "'");
                return "would make the " + kind + " its own ancestor: '" + selfName + "' → "
                        + String.join(" → ", chain);
            }
            T entity = find.apply(current);
            if (entity == null) {
                return null;
            }
            chain.add("'" + nameOf.apply(entity) + "'");
            current = parentOf.apply(entity);
        }
        return null;
    }

    /** "'A' (id), 'B' (id) and 3 more". */
    static <T> String listed(List<T> items, long total, Function<T, String> name, Function<T, UUID> id) {
        String names = items.stream().limit(LISTED).map(t -> "'" + name.apply(t) + "' (" + id.apply(t) + ")")
                .collect(Collectors.joining(", "));
        return total > LISTED ? names + " and " + (total - LISTED) + " more" : names;
    }
}
