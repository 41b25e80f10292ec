package org.memoria.people.rest;

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
import org.memoria.common.contract.people.RelationInput;
import org.memoria.common.contract.people.RelationType;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.people.mapping.RelationMapper;
import org.memoria.people.service.RelationService;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/relations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "relations", description = "Person-to-person relations: \"Sylvia Ageloff is LIAISON of Ramón Mercader\"")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter, "
        + "including a fromPersonId or toPersonId that names no person of this service, or the same person twice",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RelationResource {

    @Inject
    RelationService service;
    @Inject
    RelationMapper mapper;
    @Context
    UriInfo uri;

    @PermitAll
    @GET
    @Operation(operationId = "listRelations", summary = "List relations",
            description = "Relations with the names of both persons and the labels of the type read from either end, "
                    + "chronologically (undated ones last). `personId` keeps relations with that person at either end; "
                    + "`type` keeps relations of that type.")
    @APIResponse(responseCode = "200", description = "A page of relations")
    public Page<RelationView> list(
            @Parameter(description = "Only relations with this person at either end",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("personId") String personId,
            @Parameter(description = "Only relations of this type", example = "LIAISON",
                    schema = @Schema(implementation = RelationType.class)) @QueryParam("type") String type,
            @BeanParam Paging paging) {
        return service.list(QueryParameters.uuid(uri, "personId", personId),
                QueryParameters.enumValue(uri, "type", type, RelationType.class), paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}")
    @Operation(operationId = "getRelation", summary = "Get a relation")
    @APIResponse(responseCode = "200", description = "The relation; the ETag is its version",
            content = @Content(schema = @Schema(implementation = RelationView.class)))
    @ProblemResponses.NotFound
    public Response get(@PathParam("id") UUID id) {
        return service.find(id).map(r -> Responses.ok(r, r.version()))
                .orElseGet(() -> Problems.notFound("relation", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{id}/revisions")
    @Operation(operationId = "getRelationRevisions", summary = "A relation's revision history",
            description = "Every change, oldest first: when, by whom (the subject of the token that wrote it), which fields, "
                    + "and the state it left.")
    @APIResponse(responseCode = "200", description = "The revisions")
    @ProblemResponses.NotFound
    public Response revisions(@PathParam("id") UUID id) {
        var history = service.revisions(id);
        return history.isEmpty() ? Problems.notFound("relation", id, uri.getPath()) : Response.ok(history).build();
    }

    @POST
    @Operation(operationId = "createRelation", summary = "Record a relation",
            description = "\"fromPersonId is {type} of toPersonId\": both must be persons of this service, and not the "
                    + "same one; `sourceId` (sources service) is not checked.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new relation",
            content = @Content(schema = @Schema(implementation = RelationView.class)))
    @ProblemResponses.IdempotentCreate
    public Response create(@Valid @NotNull RelationInput input, @Context HttpHeaders headers) {
        var relation = service.create(input, IdempotencyKey.of(headers)).entity();
        return Responses.created(uri, relation.id, mapper.toView(relation), relation.version);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "putRelation", summary = "Replace a relation, or record it under this id",
            description = "Idempotent: a replace that changes nothing keeps the version and publishes nothing.")
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(schema = @Schema(implementation = RelationView.class)))
    @APIResponse(responseCode = "201", description = "Created under this id",
            content = @Content(schema = @Schema(implementation = RelationView.class)))
    @ProblemResponses.Conditional
    public Response put(@PathParam("id") UUID id, @Valid @NotNull RelationInput input, @Context HttpHeaders headers) {
        var result = service.put(id, input, Preconditions.of(headers));
        var view = mapper.toView(result.entity());
        return result.created() ? Responses.created(uri, id, view, view.version()) : Responses.ok(view, view.version());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteRelation", summary = "Delete a relation", description = "Publishes a tombstone.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.Conditional
    @ProblemResponses.NotFound
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return service.delete(id, Preconditions.of(headers)) ? Response.noContent().build()
                : Problems.notFound("relation", id, uri.getPath());
    }
}
