package org.memoria.sources.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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
import org.memoria.common.api.Page;
import org.memoria.common.api.Preconditions;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.api.Responses;
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.sources.mapping.SourceMapper;
import org.memoria.sources.service.SourceService;

@Path("/sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "sources", description = "Sources of the archive and their authors")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SourceResource {

    @Inject
    SourceService service;
    @Inject
    SourceMapper mapper;
    @Context
    UriInfo uri;

    @GET
    @Operation(operationId = "listSources", summary = "List sources",
            description = "Sources by title. `type` keeps sources of that type; `authorId` keeps sources the person "
                    + "wrote or co-wrote.")
    @APIResponse(responseCode = "200", description = "A page of sources")
    public Page<SourceView> list(
            @Parameter(description = "Only sources of this type", example = "ARTICLE",
                    schema = @Schema(implementation = SourceType.class)) @QueryParam("type") String type,
            @Parameter(description = "Only sources this person is an author of",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("authorId")
            String authorId,
            @Parameter(description = "Page number, from 0") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Page size, at most " + Page.MAX_SIZE) @QueryParam("size") @DefaultValue("20")
            @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(QueryParameters.enumValue(uri, "type", type, SourceType.class),
                QueryParameters.uuid(uri, "authorId", authorId), page, size);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getSource", summary = "Get a source")
    @APIResponse(responseCode = "200", description = "The source; the ETag is its version",
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "404", description = "No such source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        return service.find(id).map(s -> Responses.ok(s, s.version()))
                .orElseGet(() -> Problems.notFound("source", id, uri.getPath()));
    }

    @POST
    @Operation(operationId = "createSource", summary = "Record a source")
    @APIResponse(responseCode = "201", description = "Created; Location names the new source",
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    public Response create(@Valid @NotNull SourceInput input) {
        var source = service.create(input);
        return Responses.created(uri, source.id, mapper.toView(source), source.version);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "putSource", summary = "Replace a source, or record it under this id",
            description = "Idempotent: a replace that changes nothing keeps the version and publishes nothing.")
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version (or If-None-Match: * and it exists)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Replacing an existing entity requires If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "201", description = "Created under this id",
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    public Response put(@PathParam("id") UUID id, @Valid @NotNull SourceInput input, @Context HttpHeaders headers) {
        var result = service.put(id, input, Preconditions.of(headers));
        var view = mapper.toView(result.entity());
        return result.created() ? Responses.created(uri, id, view, view.version()) : Responses.ok(view, view.version());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteSource", summary = "Delete a source", description = "Publishes a tombstone.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Deleting requires If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return service.delete(id, Preconditions.of(headers)) ? Response.noContent().build() : Problems.notFound("source", id, uri.getPath());
    }
}
