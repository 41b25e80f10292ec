package org.memoria.sources.rest;

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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.IdempotencyKey;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.Preconditions;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.api.Responses;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.sources.CitationInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.sources.domain.Citation;
import org.memoria.sources.mapping.CitationMapper;
import org.memoria.sources.service.CitationService;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/citations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "citations", description = "Passages of sources: where they are, what they say, what they concern")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter "
        + "(also a sourceId that is no source of this service, or an `about` entry of kind SOURCE, CITATION or CLAIM "
        + "that does not exist here)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CitationResource {

    static final String EXAMPLE = """
            {"sourceId": "5b0e6f0a-8d1c-4a51-9a7e-2f3c4d5e6f70", "locator": "closing paragraphs",
             "quote": "The accidental failure of the assault, so carefully and so ably prepared, is a serious blow to Stalin.",
             "about": [{"kind": "EVENT", "id": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a"},
                       {"kind": "PERSON", "id": "9c4b1f4e-4f5e-4c1e-9d0a-6f0c1d2e3f40"}]}""";

    @Inject
    CitationService service;
    @Inject
    CitationMapper mapper;
    @Context
    UriInfo uri;

    @PermitAll
    @GET
    @Operation(operationId = "listCitations", summary = "List citations",
            description = "Citations by their source's date (undated last), then in the order they were recorded. Every "
                    + "filter given must hold: `sourceId`; `aboutKind` and/or `aboutId` (an entry of `about` with that "
                    + "kind and/or id). Pages hold at most " + Page.MAX_SIZE + " citations.")
    @APIResponse(responseCode = "200", description = "A page of citations")
    public Page<CitationView> list(
            @Parameter(description = "Only passages of this source",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("sourceId") String sourceId,
            @Parameter(description = "Only passages about an entity of this kind", example = "PERSON",
                    schema = @Schema(implementation = EntityKind.class)) @QueryParam("aboutKind") String aboutKind,
            @Parameter(description = "Only passages about this entity",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("aboutId") String aboutId,
            @BeanParam Paging paging) {
        return service.list(new Citation.Criteria(QueryParameters.uuid(uri, "sourceId", sourceId),
                QueryParameters.enumValue(uri, "aboutKind", aboutKind, EntityKind.class),
                QueryParameters.uuid(uri, "aboutId", aboutId)), paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}")
    @Operation(operationId = "getCitation", summary = "Get a citation")
    @APIResponse(responseCode = "200", description = "The citation; the ETag is its version",
            content = @Content(schema = @Schema(implementation = CitationView.class)))
    @ProblemResponses.NotFound
    public Response get(@PathParam("id") UUID id) {
        return service.find(id).map(c -> Responses.ok(c, c.version()))
                .orElseGet(() -> Problems.notFound("citation", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{id}/revisions")
    @Operation(operationId = "getCitationRevisions", summary = "A citation's revision history",
            description = "Every change, oldest first: when, by whom (the subject of the token that wrote it), which fields, "
                    + "and the state it left.")
    @APIResponse(responseCode = "200", description = "The revisions")
    @ProblemResponses.NotFound
    public Response revisions(@PathParam("id") UUID id) {
        var history = service.revisions(id);
        return history.isEmpty() ? Problems.notFound("citation", id, uri.getPath()) : Response.ok(history).build();
    }

    @POST
    @Operation(operationId = "createCitation", summary = "Record a passage of a source")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Stalin Seeks My Death", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location names the new citation",
            content = @Content(schema = @Schema(implementation = CitationView.class)))
    @ProblemResponses.IdempotentCreate
    public Response create(@Valid @NotNull CitationInput input, @Context HttpHeaders headers) {
        var citation = service.create(input, IdempotencyKey.of(headers)).entity();
        return Responses.created(uri, citation.id, mapper.toView(citation), citation.version);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "putCitation", summary = "Replace a citation, or record it under this id",
            description = "Idempotent: a replace that changes nothing keeps the version and publishes nothing. When the "
                    + "source changes, every claim citing the citation is re-derived and, if it changed, published "
                    + "again, in the same transaction.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Stalin Seeks My Death", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(schema = @Schema(implementation = CitationView.class)))
    @ProblemResponses.Conditional
    @APIResponse(responseCode = "201", description = "Created under this id",
            content = @Content(schema = @Schema(implementation = CitationView.class)))
    public Response put(@PathParam("id") UUID id, @Valid @NotNull CitationInput input, @Context HttpHeaders headers) {
        var result = service.put(id, input, Preconditions.of(headers));
        var view = mapper.toView(result.entity());
        return result.created() ? Responses.created(uri, id, view, view.version()) : Responses.ok(view, view.version());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteCitation", summary = "Delete a citation",
            description = "Publishes a tombstone. A citation that is evidence of a claim (or named by a citation or "
                    + "claim) cannot be deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The citation is evidence of claims (or named by others); the "
            + "problem names them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Deleting requires If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.NotFound
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return service.delete(id, Preconditions.of(headers)) ? Response.noContent().build()
                : Problems.notFound("citation", id, uri.getPath());
    }
}
