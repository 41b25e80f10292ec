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
import org.memoria.common.contract.sources.ClaimInput;
import org.memoria.common.contract.sources.ClaimStatus;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.sources.domain.Claim;
import org.memoria.sources.service.ClaimService;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/claims")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "claims", description = "Statements about people and events, the evidence for and against them, and the "
        + "status that evidence gives them")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter "
        + "(also evidence citing no citation of this service, and a `status`, which is derived, never written)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ClaimResource {

    static final String EXAMPLE = """
            {"statement": "Robert Sheldon Harte was a GPU agent",
             "subjects": [{"kind": "PERSON", "id": "6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}],
             "evidence": [
               {"citationId": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9", "stance": "SUPPORTS"},
               {"citationId": "2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b", "stance": "DISPUTES"},
               {"citationId": "3b4c5d6e-7f80-4912-a3b4-c5d6e7f8a9b0", "stance": "SUPPORTS", "strength": "CONCLUSIVE",
                "note": "the GPU archives name him as an agent"}]}""";

    @Inject
    ClaimService service;
    @Context
    UriInfo uri;

    @PermitAll
    @GET
    @Operation(operationId = "listClaims", summary = "List claims",
            description = "Claims by statement, each with its evidence, status and history. Every filter given must "
                    + "hold: `subjectKind` and/or `subjectId` (a subject with that kind and/or id); `status`. Pages hold "
                    + "at most " + Page.MAX_SIZE + " claims.")
    @APIResponse(responseCode = "200", description = "A page of claims")
    public Page<ClaimView> list(
            @Parameter(description = "Only claims with a subject of this kind", example = "PERSON",
                    schema = @Schema(implementation = EntityKind.class)) @QueryParam("subjectKind") String subjectKind,
            @Parameter(description = "Only claims about this entity",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("subjectId") String subjectId,
            @Parameter(description = "Only claims with this derived status", example = "ESTABLISHED",
                    schema = @Schema(implementation = ClaimStatus.class)) @QueryParam("status") String status,
            @BeanParam Paging paging) {
        return service.list(new Claim.Criteria(QueryParameters.enumValue(uri, "subjectKind", subjectKind, EntityKind.class),
                QueryParameters.uuid(uri, "subjectId", subjectId),
                QueryParameters.enumValue(uri, "status", status, ClaimStatus.class)), paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}")
    @Operation(operationId = "getClaim", summary = "Get a claim",
            description = "The statement, its subjects, its evidence ordered by the date of each citation's source "
                    + "(with the passage's quote and locator and the source's title and date), the derived status, and "
                    + "the history of that status as the evidence accumulated (docs/claims.md).")
    @APIResponse(responseCode = "200", description = "The claim; the ETag is its version",
            content = @Content(schema = @Schema(implementation = ClaimView.class)))
    @ProblemResponses.NotFound
    public Response get(@PathParam("id") UUID id) {
        return service.find(id).map(c -> Responses.ok(c, c.version()))
                .orElseGet(() -> Problems.notFound("claim", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{id}/revisions")
    @Operation(operationId = "getClaimRevisions", summary = "A claim's revision history",
            description = "Every change, oldest first: when, by whom (the subject of the token "
                    + "that wrote it, also for a status re-derived by a write of a citation), which fields, and the state it left.")
    @APIResponse(responseCode = "200", description = "The revisions")
    @ProblemResponses.NotFound
    public Response revisions(@PathParam("id") UUID id) {
        var history = service.revisions(id);
        return history.isEmpty() ? Problems.notFound("claim", id, uri.getPath()) : Response.ok(history).build();
    }

    @POST
    @Operation(operationId = "createClaim", summary = "Record a claim with its evidence")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Harte", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location names the new claim",
            content = @Content(schema = @Schema(implementation = ClaimView.class)))
    @ProblemResponses.IdempotentCreate
    public Response create(@Valid @NotNull ClaimInput input, @Context HttpHeaders headers) {
        var claim = service.create(input, IdempotencyKey.of(headers)).entity();
        return Responses.created(uri, claim.id, service.view(claim), claim.version);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "putClaim", summary = "Replace a claim, or record it under this id",
            description = "Idempotent: a replace that changes nothing keeps the version and publishes nothing.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Harte", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(schema = @Schema(implementation = ClaimView.class)))
    @ProblemResponses.Conditional
    @APIResponse(responseCode = "201", description = "Created under this id",
            content = @Content(schema = @Schema(implementation = ClaimView.class)))
    public Response put(@PathParam("id") UUID id, @Valid @NotNull ClaimInput input, @Context HttpHeaders headers) {
        var result = service.put(id, input, Preconditions.of(headers));
        var view = service.view(result.entity());
        return result.created() ? Responses.created(uri, id, view, view.version()) : Responses.ok(view, view.version());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteClaim", summary = "Delete a claim",
            description = "Publishes a tombstone. A claim named by a citation or another claim cannot be deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The claim is named by a citation or another claim",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Deleting requires If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.NotFound
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return service.delete(id, Preconditions.of(headers)) ? Response.noContent().build()
                : Problems.notFound("claim", id, uri.getPath());
    }
}
