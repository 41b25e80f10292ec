package org.memoria.gateway.rest;

import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.gateway.linkeddata.Contexts;

/** /api/contexts: the JSON-LD contexts the archive's linked-data documents name, served from the gateway itself. */
@PermitAll
@Path("/api/contexts")
@Tag(name = "linked data", description = "Entities as JSON-LD (schema.org), the contexts they name, and the whole "
        + "archive as N-Quads")
public class ContextsApi {

    private static final CacheControl A_DAY = CacheControl.valueOf("public, max-age=86400");

    @Context
    UriInfo uri;

    @GET
    @Path("{name}")
    @Produces({ Contexts.MEDIA_TYPE, Problem.MEDIA_TYPE })
    @Operation(operationId = "getContext", summary = "A JSON-LD context",
            description = "`schema-org.jsonld` (the schema.org terms the archive uses, `@vocab` https://schema.org/) "
                    + "or `memoria.jsonld` (the archive's own terms: EDTF dates with their bounds, participations).")
    @APIResponse(responseCode = "200", description = "The context", content = @Content(
            mediaType = Contexts.MEDIA_TYPE, schema = @Schema(description = "A JSON-LD context document")))
    @APIResponse(responseCode = "404", description = "No context of this name", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response context(@Parameter(description = "The context's file name", example = "memoria.jsonld")
            @PathParam("name") String name) {
        Optional<byte[]> context = Contexts.bytes(name);
        if (context.isEmpty()) {
            return Problems.notFound("context", name, uri.getPath());
        }
        return Response.ok(context.get(), Contexts.MEDIA_TYPE).cacheControl(A_DAY).build();
    }
}
