package org.memoria.gateway.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.gateway.api.ArchiveViews.EventDetail;
import org.memoria.gateway.service.EventQuery;

/** /api/events: reads from the read model; writes routed to the events service. */
@Path("/api/events")
@Tag(name = "events", description = "Events with their participants; writes are routed to the events service")
public class EventsApi extends RoutedResource<EventDetail> {

    @Inject
    EventQuery query;

    public EventsApi() {
        super(RoutedCollection.EVENTS);
    }

    @Override
    protected Optional<EventDetail> view(UUID id) {
        return query.find(id);
    }
}
