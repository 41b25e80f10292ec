package org.memoria.events.rest;

import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.contract.SubResources.EventChildren;
import org.memoria.common.contract.events.EventFilter;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.events.domain.Event;
import org.memoria.events.domain.EventOrder;
import org.memoria.common.contract.events.EventView;
import org.memoria.events.service.EventService;

@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "events", description = "Historical events, where they happened, and who took part in them")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class EventResource extends OwnedEntityResource<Event, EventInput, EventView> {

    @Inject
    EventService service;

    @Override
    protected EventService service() {
        return service;
    }

    @PermitAll
    @GET
    @Operation(operationId = "listEvents", summary = EventFilter.SUMMARY, description = EventFilter.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of events")
    public Page<EventView> list(@BeanParam EventFilter filter, @BeanParam Paging paging) {
        var fromDay = filter.from(uri);
        var toDay = filter.to(uri);
        Filters.range(uri, fromDay, toDay);
        return service.list(vocabularies.filterCode(uri, "type", org.memoria.common.contract.events.EventType.VOCABULARY, filter.type(uri)), filter.personId(uri), filter.organisationId(uri), filter.placeId(uri),
                filter.parentEventId(uri), fromDay, toDay, EventOrder.valueOf(filter.sort(uri).toUpperCase(Locale.ROOT)),
                paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}/" + EventChildren.PATH)
    @Operation(operationId = EventChildren.ID, summary = EventChildren.SUMMARY, description = EventChildren.DESCRIPTION)
    @APIResponse(responseCode = "200", description = EventChildren.ANSWER)
    @ProblemResponses.NotFound
    public Page<EventView> children(@PathParam("id") UUID id, @BeanParam Paging paging) {
        return service.children(id, paging.page(), paging.size()).orElseThrow(() -> notFound(id));
    }
}
