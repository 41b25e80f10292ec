package org.memoria.events.service;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.api.Preconditions;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.events.Topics;
import org.memoria.common.service.OwnedEntityService;
import org.memoria.common.problem.StillReferencedException;
import org.memoria.events.domain.Event;
import org.memoria.events.domain.EventCriteria;
import org.memoria.events.domain.EventOrder;
import org.memoria.events.domain.Place;
import org.memoria.events.mapping.EventMapper;
import org.memoria.common.contract.events.EventView;

@ApplicationScoped
public class EventService extends OwnedEntityService<Event, EventInput, EventState, EventView> {

    @Inject
    EventMapper mapper;
    @Inject
    References references;

    public EventService() {
        super(Event.class, Topics.EVENTS, "event");
    }

    /**
     * Events matching every given criterion; {@code placeId} keeps events at that place or at any place inside it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EventView> list(String type, UUID personId, UUID organisationId, UUID placeId, UUID parentEventId,
            LocalDate from, LocalDate to, EventOrder order, int page, int size) {
        var criteria = new EventCriteria(type, personId, organisationId,
                placeId == null ? null : Place.withEverythingInside(placeId), parentEventId, from, to);
        return page(Event.search(criteria, order, page, size), page, size, Event.countMatching(criteria));
    }

    /** The events directly part of this one, by date; empty when there is no such event. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Page<EventView>> children(UUID id, int page, int size) {
        if (Event.findById(id) == null) {
            return Optional.empty();
        }
        var criteria = EventCriteria.childrenOf(id);
        return Optional.of(page(Event.search(criteria, EventOrder.DATE, page, size), page, size,
                Event.countMatching(criteria)));
    }

    /** The answer for a written event (its place read in the same transaction). */
    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public EventView view(Event event) {
        return mapper.toView(event, event.placeId == null ? null : Place.findById(event.placeId));
    }

    /** Refuses, naming them, while other events are part of this one. */
    @Override
    @Transactional
    public boolean delete(UUID id, Preconditions conditions) {
        return deleteUnreferenced(id, conditions, this::requireNoSubEvents);
    }

    private void requireNoSubEvents(Event event) {
        UUID id = event.id;
        long children = Event.count("parentEventId", id);
        if (children > 0) {
            throw new StillReferencedException("Event '" + event.title + "' still has " + children
                    + (children == 1 ? " sub-event" : " sub-events") + " naming it as parentEventId: "
                    + References.listed(Event.childrenOf(id, References.LISTED), children, e -> e.title, e -> e.id)
                    + "; change or delete them first");
        }
    }

    /** The events' views, their places read at once. */
    @Override
    protected List<EventView> views(List<Event> events) {
        Set<UUID> placeIds = events.stream().map(e -> e.placeId).filter(p -> p != null).collect(Collectors.toSet());
        Map<UUID, Place> places = Place.byIds(new HashSet<>(placeIds)).stream()
                .collect(Collectors.toMap(p -> p.id, Function.identity()));
        return events.stream().map(e -> mapper.toView(e, e.placeId == null ? null : places.get(e.placeId))).toList();
    }

    @Override
    protected Event newEntity() {
        return new Event();
    }

    @Override
    protected void apply(EventInput input, Event event) {
        // before the entity changes, so a refused write leaves nothing behind
        references.checkEvent(event.id, input.title(), input.placeId(), input.parentEventId());
        mapper.apply(input, event);
    }

    @Override
    protected EventInput inputOf(Event event) {
        return mapper.toInput(event);
    }

    @Override
    protected EventState stateOf(Event event) {
        return mapper.toState(event);
    }
}
