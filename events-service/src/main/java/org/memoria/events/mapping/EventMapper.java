package org.memoria.events.mapping;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.events.domain.Event;
import org.memoria.events.domain.Participation;
import org.memoria.events.domain.Place;
import org.memoria.common.contract.events.EventView;

/** The three shapes of an event: write model, entity and event payload, and the answer to clients. */
@ApplicationScoped
public class EventMapper {

    @jakarta.inject.Inject
    org.memoria.common.vocabulary.Vocabularies vocabularies;

    public void apply(EventInput input, Event event) {
        event.title = input.title();
        event.type = vocabularies.code(org.memoria.common.contract.events.EventType.VOCABULARY, input.type());
        event.date = EdtfValue.of(input.date());
        event.placeId = input.placeId();
        event.placeName = input.placeName();
        event.description = input.description();
        event.parentEventId = input.parentEventId();
        event.participants.clear();
        input.participants().forEach(p -> event.participants.add(
                new Participation(p.personId(), p.organisationId(),
                        vocabularies.code(org.memoria.common.contract.events.ParticipantRole.VOCABULARY, p.role()), p.note())));
    }

    public EventInput toInput(Event event) {
        return new EventInput(event.title, event.type, EdtfValue.edtf(event.date), event.placeId, event.placeName,
                event.description, event.parentEventId,
                event.participants.stream()
                        .map(p -> new EventInput.ParticipantInput(p.personId, p.organisationId, p.role, p.note))
                        .toList());
    }

    public EventState toState(Event event) {
        return new EventState(event.id, event.version, event.title, event.type, EdtfValue.edtf(event.date),
                event.placeId, event.placeName, event.description, event.parentEventId,
                event.participants.stream()
                        .map(p -> new EventState.Participant(p.personId, p.organisationId, p.role, p.note))
                        .toList());
    }

    /** @param place the event's place, or null when it has none */
    public EventView toView(Event event, Place place) {
        return new EventView(event.id, event.version, event.title, event.type, DateView.of(EdtfValue.edtf(event.date)),
                event.placeId,
                place == null ? null
                        : new EventView.Place(place.id, place.name, place.type, place.latitude, place.longitude),
                event.placeName, event.description, event.parentEventId,
                event.participants.stream()
                        .map(p -> new EventView.Participant(p.personId, p.organisationId, p.role, p.note))
                        .toList(),
                event.createdAt, event.updatedAt);
    }
}
