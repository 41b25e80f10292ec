package org.memoria.events.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.memoria.common.security.Roles;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.events.domain.Event;
import org.memoria.common.contract.events.EventView;
import org.memoria.events.service.EventService;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
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
    @Operation(operationId = "listEvents", summary = "List events",
            description = "Events matching every given filter, in chronological order (by earliest possible day; "
                    + "undated events last) or by title. `from` and `to` keep events whose EDTF date overlaps the "
                    + "days [from, to]: an event dated `1937-22` (summer 1937) matches from=1937-07-01&to=1937-07-31; "
                    + "an undated event matches no date filter. `placeId` keeps events at that place or at any "
                    + "place inside it.")
    @APIResponse(responseCode = "200", description = "A page of events")
    public Page<EventView> list(
            @Parameter(description = "Only events of this type", example = "ATTACK",
                    schema = @Schema(implementation = EventType.class)) @QueryParam("type") String type,
            @Parameter(description = "Only events this person takes part in, in any role",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("personId")
            String personId,
            @Parameter(description = "Only events this organisation takes part in, in any role",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("organisationId")
            String organisationId,
            @Parameter(description = "Only events at this place or at a place inside it (at any depth)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("placeId")
            String placeId,
            @Parameter(description = "Only the events directly part of this event",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("parentEventId")
            String parentEventId,
            @Parameter(description = "Only events that may have happened on or after this day (overlap)",
                    example = "1940-05-01", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "Only events that may have happened on or before this day (overlap)",
                    example = "1940-08-31", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to,
            @Parameter(description = "`date` (default): chronological, undated last; `title`: alphabetical",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "date", "title" }, defaultValue = "date"))
            @QueryParam("sort") String sort,
            @BeanParam Paging paging) {
        var fromDay = QueryParameters.day(uri, "from", from);
        var toDay = QueryParameters.day(uri, "to", to);
        Filters.range(uri, fromDay, toDay);
        return service.list(QueryParameters.enumValue(uri, "type", type, EventType.class),
                QueryParameters.uuid(uri, "personId", personId),
                QueryParameters.uuid(uri, "organisationId", organisationId),
                QueryParameters.uuid(uri, "placeId", placeId),
                QueryParameters.uuid(uri, "parentEventId", parentEventId),
                fromDay, toDay, Filters.order(uri, sort), paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}/children")
    @Operation(operationId = "getEventChildren", summary = "The events that are part of an event",
            description = "Sub-events (whose parentEventId is this event), in chronological order, undated last.")
    @APIResponse(responseCode = "200", description = "A page of sub-events")
    @ProblemResponses.NotFound
    public Page<EventView> children(@PathParam("id") UUID id, @BeanParam Paging paging) {
        return service.children(id, paging.page(), paging.size()).orElseThrow(() -> notFound(id));
    }
}
