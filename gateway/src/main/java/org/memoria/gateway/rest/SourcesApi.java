package org.memoria.gateway.rest;

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
import org.memoria.common.api.Responses;
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.rest.ArchiveViews.*;
import org.memoria.gateway.service.ArchiveQueries;
import org.memoria.gateway.service.OwnerRouter;

@Path("/api/sources")
@Tag(name = "sources", description = "Sources and their authors; writes are routed to the sources service")
public class SourcesApi {

    private static final String OWNER = "sources service";

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

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getSource", summary = "A source", description = "The source with its authors resolved to names.")
    @APIResponse(responseCode = "200", description = "Found; the ETag is the version the read model holds",
            content = @Content(schema = @Schema(implementation = SourceDetail.class)))
    @APIResponse(responseCode = "404", description = "The archive holds no such source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        return queries.source(id).map(v -> Responses.ok(v, v.version()))
                .orElseGet(() -> Problems.notFound("source", id, uri.getPath()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "createSource", summary = "Record a source",
            description = "Routed to the sources service; the archive's views show it once its change event is projected.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new source in this API")
    @ApiDoc.RoutedWrite
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SourceInput.class))) byte[] body) {
        return router.forward(OWNER, config.owners().sources(), "POST", "/sources", headers, body, uri);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "putSource", summary = "Replace a source, or record it under this id",
            description = "Routed to the sources service. Idempotent: an identical replace changes nothing.")
    @APIResponse(responseCode = "200", description = "Replaced, or unchanged")
    @APIResponse(responseCode = "201", description = "Created under this id")
    @ApiDoc.RoutedWrite
    public Response put(@PathParam("id") UUID id, @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourceInput.class))) byte[] body) {
        return router.forward(OWNER, config.owners().sources(), "PUT", "/sources/" + id, headers, body, uri);
    }

    @DELETE
    @Path("{id}")
    @Produces(Problem.MEDIA_TYPE)
    @Operation(operationId = "deleteSource", summary = "Delete a source", description = "Routed to the sources service.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "The owner holds no such source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiDoc.RoutedWrite
    public Response delete(@PathParam("id") UUID id) {
        return router.forward(OWNER, config.owners().sources(), "DELETE", "/sources/" + id, headers, null, uri);
    }
}
