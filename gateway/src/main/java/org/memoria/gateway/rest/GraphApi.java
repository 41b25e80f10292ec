package org.memoria.gateway.rest;

import jakarta.annotation.security.PermitAll;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
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
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.problem.Problems;
import org.memoria.gateway.api.ArchiveViews.Graph;
import org.memoria.gateway.service.ArchiveGraph;

@PermitAll
@Path("/api/graph")
@Tag(name = "graph", description = "Who was connected to whom")
public class GraphApi {

    @Inject
    ArchiveGraph graph;
    @Context
    UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "graph", summary = "The network around a person, organisation or event",
            description = "People, organisations and events as nodes; memberships, relations and participations as edges, "
                    + "with kinds, roles and periods; breadth-first from the focus, at most " + ArchiveGraph.MAX_NODES
                    + " nodes.")
    @APIResponse(responseCode = "200", description = "The graph", content = @Content(schema = @Schema(implementation = Graph.class)))
    @ProblemResponses.NotFound
    public Response graph(
            @Parameter(description = "The person, organisation or event at the centre", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("focus") String focus,
            @Parameter(description = "Steps from the focus, 1 to " + ArchiveGraph.MAX_DEPTH, schema = @Schema(
                    type = SchemaType.INTEGER, minimum = "1", maximum = "" + ArchiveGraph.MAX_DEPTH, defaultValue = "2"))
            @QueryParam("depth") String depth,
            @Parameter(description = "At most this many nodes", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "" + ArchiveGraph.MAX_NODES, defaultValue = "200")) @QueryParam("limit") String limit) {
        UUID id = QueryParameters.requiredUuid(uri, "focus", focus);
        return graph.around(id, QueryParameters.integer(uri, "depth", depth, 2, 1, ArchiveGraph.MAX_DEPTH),
                QueryParameters.integer(uri, "limit", limit, 200, 1, ArchiveGraph.MAX_NODES)).map(g -> Response.ok(g).build())
                .orElseGet(() -> Problems.notFound("person, organisation or event", id, uri.getPath()));
    }
}
