package org.memoria.events.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.memoria.common.api.Page;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.events.Topics;
import org.memoria.common.service.OwnedEntityCommands;
import org.memoria.events.domain.Event;
import org.memoria.events.mapping.EventMapper;
import org.memoria.events.rest.EventView;

@ApplicationScoped
public class EventService extends OwnedEntityCommands<Event, EventInput, EventState> {

    @Inject
    EventMapper mapper;

    public EventService() {
        super(Event.class, Topics.EVENTS, "event");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EventView> list(EventType type, UUID personId, int page, int size) {
        return new Page<>(Event.search(type, personId, page, size).stream().map(mapper::toView).toList(), page, size,
                Event.countMatching(type, personId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EventView> find(UUID id) {
        return Event.<Event> findByIdOptional(id).map(mapper::toView);
    }

    @Override
    protected Event newEntity() {
        return new Event();
    }

    @Override
    protected void apply(EventInput input, Event event) {
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
