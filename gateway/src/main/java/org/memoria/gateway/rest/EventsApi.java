package org.memoria.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.memoria.common.security.Roles;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.events.EventInput;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.problem.Problem;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.api.ArchiveViews.EventDetail;
import org.memoria.gateway.service.ArchiveQueries;
import org.memoria.gateway.service.OwnerRouter;

/** /api/events: reads from the read model; writes routed to the events service. */
@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/api/events")
@Tag(name = "events", description = "Events with their participants; writes are routed to the events service")
public class EventsApi {

    private static final String OWNER = "events service";

    @Inject
    ArchiveQueries queries;
    @Inject
    OwnerRouter router;
    @Inject
    GatewayConfig config;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @PermitAll
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getEvent", summary = "An event", description = "The event with its participants (people and organisations) and their roles, its place with coordinates, its parent and child events, the passages about it and the claims about it.")
    @APIResponse(responseCode = "200", description = "Found; the ETag is the version the archive holds",
            content = @Content(schema = @Schema(implementation = EventDetail.class)))
    @ProblemResponses.NotFound
    public Response get(@PathParam("id") UUID id) {
        return Views.found(queries.event(id), "event", id, uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "createEvent", summary = "Record an event",
            description = "Routed to the events service; the archive's views show it once its change event is projected.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new event in this API")
    @ProblemResponses.RoutedWrite
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventInput.class))) byte[] body) {
        return router.forward(OWNER, config.owners().events(), "POST", "/events", headers, body, uri);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "putEvent", summary = "Replace an event, or record it under this id",
            description = "Routed to the events service. Replacing needs If-Match with the version read; creating accepts "
                    + "If-None-Match: *. An identical replace changes nothing.")
    @APIResponse(responseCode = "200", description = "Replaced, or unchanged")
    @APIResponse(responseCode = "201", description = "Created under this id")
    @ProblemResponses.RoutedWrite
    @ProblemResponses.Conditional
    @ProblemResponses.IdOfAnotherKind
    public Response put(@PathParam("id") UUID id, @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventInput.class))) byte[] body) {
        return router.forward(EntityKind.EVENT, id, OWNER, config.owners().events(), "PUT",
                "/events/" + id, headers, body, uri);
    }

    @DELETE
    @Path("{id}")
    @Produces(Problem.MEDIA_TYPE)
    @Operation(operationId = "deleteEvent", summary = "Delete an event",
            description = "Routed to the events service; needs If-Match with the version read.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.NotFound
    @ProblemResponses.RoutedWrite
    @ProblemResponses.Conditional
    @ProblemResponses.DeleteConflict
    public Response delete(@PathParam("id") UUID id) {
        return router.forward(EntityKind.EVENT, id, OWNER, config.owners().events(), "DELETE",
                "/events/" + id, headers, null, uri);
    }
}
