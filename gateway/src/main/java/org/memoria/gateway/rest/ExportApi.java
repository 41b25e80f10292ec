package org.memoria.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.security.Roles;
import org.memoria.gateway.linkeddata.ArchiveExport;

/**
 * /api/export.nq: the whole archive as N-Quads, streamed. A heavy read, so it needs a token: archivists, partners
 * and admins.
 */
@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/api/export.nq")
@Tag(name = "linked data")
public class ExportApi {

    static final String N_QUADS = "application/n-quads";

    @Inject
    ArchiveExport export;
    @Context
    UriInfo uri;

    @GET
    @Produces(N_QUADS)
    @Operation(operationId = "exportArchive", summary = "The whole archive as N-Quads",
            description = "Every live person, organisation, event, place and source, as the triples of its JSON-LD "
                    + "document (GET its URL with `Accept: application/ld+json`), one line per triple, streamed "
                    + "(no Content-Length). Deleted entities are left out; the change feed keeps their deletions.")
    @APIResponse(responseCode = "200", description = "The export, streamed", headers = {
            @Header(name = "X-Total-Entities", description = "How many entities the export holds, counted when it "
                    + "starts", schema = @Schema(type = SchemaType.INTEGER)),
            @Header(name = "Content-Disposition", description = "`attachment; filename=\"memoria.nq\"`",
                    schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = N_QUADS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = "Not Authorized")
    @APIResponse(responseCode = "403", description = "Not Allowed")
    public Response export() {
        java.net.URI base = uri.getBaseUri();
        StreamingOutput body = out -> export.write(base, out);
        return Response.ok(body, N_QUADS).header("X-Total-Entities", export.count())
                .header("Content-Disposition", "attachment; filename=\"memoria.nq\"").build();
    }
}
