package org.memoria.events.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.memoria.common.security.Roles;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.IdempotencyKey;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.Preconditions;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.api.Responses;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.common.revision.RevisionView;
import org.memoria.events.service.EventService;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "events", description = "Historical events, where they happened, and who took part in them")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class EventResource {

    @Inject
    EventService service;
    @Context
    UriInfo uri;

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
    @Path("{id}")
    @Operation(operationId = "getEvent", summary = "Get an event",
            description = "With its place's name, type and coordinates when it has a place.")
    @APIResponse(responseCode = "200", description = "The event; the ETag is its version",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @ProblemResponses.NotFound
    public Response get(@PathParam("id") UUID id) {
        return service.find(id).map(e -> Responses.ok(e, e.version()))
                .orElseGet(() -> Problems.notFound("event", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{id}/children")
    @Operation(operationId = "getEventChildren", summary = "The events that are part of an event",
            description = "Sub-events (whose parentEventId is this event), in chronological order, undated last.")
    @APIResponse(responseCode = "200", description = "A page of sub-events")
    @ProblemResponses.NotFound
    public Response children(@PathParam("id") UUID id,
            @BeanParam Paging paging) {
        return service.children(id, paging.page(), paging.size()).map(p -> Response.ok(p).build())
                .orElseGet(() -> Problems.notFound("event", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{id}/revisions")
    @Operation(operationId = "getEventRevisions", summary = "An event's revision history",
            description = "Every change, oldest first: when, by whom (the subject of the token that wrote it), which "
                    + "fields, and the state it left.")
    @APIResponse(responseCode = "200", description = "The revisions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RevisionView.class)))
    @ProblemResponses.NotFound
    public Response revisions(@PathParam("id") UUID id) {
        var history = service.revisions(id);
        return history.isEmpty() ? Problems.notFound("event", id, uri.getPath()) : Response.ok(history).build();
    }

    @POST
    @Operation(operationId = "createEvent", summary = "Record an event",
            description = "placeId must name a place and parentEventId an event of this service; participants' "
                    + "person and organisation ids are not checked (they belong to the people service).")
    @APIResponse(responseCode = "201", description = "Created; Location names the new event",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @ProblemResponses.IdempotentCreate
    public Response create(@Valid @NotNull EventInput input, @Context HttpHeaders headers) {
        var event = service.create(input, IdempotencyKey.of(headers)).entity();
        return Responses.created(uri, event.id, service.view(event), event.version);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "putEvent", summary = "Replace an event, or record it under this id",
            description = "Idempotent: a replace that changes nothing keeps the version and publishes nothing. "
                    + "A parentEventId that would make the event its own ancestor is refused.")
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "201", description = "Created under this id",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @ProblemResponses.Conditional
    public Response put(@PathParam("id") UUID id, @Valid @NotNull EventInput input, @Context HttpHeaders headers) {
        var result = service.put(id, input, Preconditions.of(headers));
        var view = service.view(result.entity());
        return result.created() ? Responses.created(uri, id, view, view.version()) : Responses.ok(view, view.version());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteEvent", summary = "Delete an event",
            description = "Publishes a tombstone. Refused while other events are part of it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.NotFound
    @APIResponse(responseCode = "409", description = "Other events are part of this one; the problem names them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.Conditional
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return service.delete(id, Preconditions.of(headers)) ? Response.noContent().build()
                : Problems.notFound("event", id, uri.getPath());
    }
}
