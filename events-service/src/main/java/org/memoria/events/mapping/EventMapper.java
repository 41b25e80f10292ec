package org.memoria.events.mapping;

import jakarta.enterprise.context.ApplicationScoped;

import org.memoria.common.api.DateView;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.persistence.EdtfValue;
import org.memoria.events.domain.Event;
import org.memoria.events.domain.Participation;
import org.memoria.events.rest.EventView;

/** The three shapes of an event: write model, entity and event payload, and the answer to clients. */
@ApplicationScoped
public class EventMapper {

    public void apply(EventInput input, Event event) {
        event.title = input.title();
        event.type = input.type();
        event.date = EdtfValue.of(input.date());
        event.placeName = input.placeName();
        event.description = input.description();
        event.participants.clear();
        input.participants().forEach(p -> event.participants.add(new Participation(p.personId(), p.role())));
    }

    public EventInput toInput(Event event) {
        return new EventInput(event.title, event.type, EdtfValue.edtf(event.date), event.placeName, event.description,
                event.participants.stream().map(p -> new EventInput.ParticipantInput(p.personId, p.role)).toList());
    }

    public EventState toState(Event event) {
        return new EventState(event.id, event.version, event.title, event.type, EdtfValue.edtf(event.date),
                event.placeName, event.description,
                event.participants.stream().map(p -> new EventState.Participant(p.personId, p.role)).toList());
    }

    public EventView toView(Event event) {
        return new EventView(event.id, event.version, event.title, event.type, DateView.of(EdtfValue.edtf(event.date)),
                event.placeName, event.description,
                event.participants.stream().map(p -> new EventView.Participant(p.personId, p.role)).toList(),
                event.createdAt, event.updatedAt);
    }
}
