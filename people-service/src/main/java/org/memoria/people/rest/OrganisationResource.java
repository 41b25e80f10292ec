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
import jakarta.ws.rs.NotFoundException;
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
import org.memoria.common.contract.people.OrganisationInput;
import org.memoria.common.contract.people.OrganisationType;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.people.mapping.OrganisationMapper;
import org.memoria.people.service.OrganisationService;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "organisations", description = "Parties, secret police, internationals, unions… and their members")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OrganisationResource {

    @Inject
    OrganisationService service;
    @Inject
    OrganisationMapper mapper;
    @Context
    UriInfo uri;

    @PermitAll
    @GET
    @Operation(operationId = "listOrganisations", summary = "List organisations",
            description = "Organisations by preferred name. `name` matches any of their names, case-insensitively; "
                    + "`type` keeps organisations of that type.")
    @APIResponse(responseCode = "200", description = "A page of organisations")
    public Page<OrganisationView> list(
            @Parameter(description = "Part of any name", example = "Socialist") @QueryParam("name") String name,
            @Parameter(description = "Only organisations of this type", example = "POLITICAL_PARTY",
                    schema = @Schema(implementation = OrganisationType.class)) @QueryParam("type") String type,
            @BeanParam Paging paging) {
        return service.list(QueryParameters.text(uri, "name", name), QueryParameters.enumValue(uri, "type", type, OrganisationType.class),
                paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}")
    @Operation(operationId = "getOrganisation", summary = "Get an organisation")
    @APIResponse(responseCode = "200", description = "The organisation; the ETag is its version",
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @ProblemResponses.NotFound
    public Response get(@PathParam("id") UUID id) {
        return service.find(id).map(o -> Responses.ok(o, o.version()))
                .orElseGet(() -> Problems.notFound("organisation", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{id}/members")
    @Operation(operationId = "listOrganisationMembers", summary = "An organisation's members",
            description = "The organisation's memberships with the members' names, role and period; chronologically, "
                    + "undated ones last.")
    @APIResponse(responseCode = "200", description = "A page of memberships")
    @ProblemResponses.NotFound
    public Page<MembershipView> members(@PathParam("id") UUID id,
            @BeanParam Paging paging) {
        return service.members(id, paging.page(), paging.size())
                .orElseThrow(() -> new NotFoundException(Problems.notFound("organisation", id, uri.getPath())));
    }

    @PermitAll
    @GET
    @Path("{id}/revisions")
    @Operation(operationId = "getOrganisationRevisions", summary = "An organisation's revision history",
            description = "Every change, oldest first: when, by whom (the subject of the token that wrote it), which fields, "
                    + "and the state it left.")
    @APIResponse(responseCode = "200", description = "The revisions")
    @ProblemResponses.NotFound
    public Response revisions(@PathParam("id") UUID id) {
        var history = service.revisions(id);
        return history.isEmpty() ? Problems.notFound("organisation", id, uri.getPath()) : Response.ok(history).build();
    }

    @POST
    @Operation(operationId = "createOrganisation", summary = "Record an organisation",
            description = "Authority identifiers are checked by format.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new organisation",
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @ProblemResponses.IdempotentCreate
    public Response create(@Valid @NotNull OrganisationInput input, @Context HttpHeaders headers) {
        var organisation = service.create(input, IdempotencyKey.of(headers)).entity();
        return Responses.created(uri, organisation.id, mapper.toView(organisation), organisation.version);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "putOrganisation", summary = "Replace an organisation, or record it under this id",
            description = "Idempotent: a replace that changes nothing keeps the version and publishes nothing.")
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @APIResponse(responseCode = "201", description = "Created under this id",
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @ProblemResponses.Conditional
    public Response put(@PathParam("id") UUID id, @Valid @NotNull OrganisationInput input, @Context HttpHeaders headers) {
        var result = service.put(id, input, Preconditions.of(headers));
        var view = mapper.toView(result.entity());
        return result.created() ? Responses.created(uri, id, view, view.version()) : Responses.ok(view, view.version());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteOrganisation", summary = "Delete an organisation",
            description = "Publishes a tombstone. An organisation that memberships still name is kept: delete or "
                    + "change those first.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Memberships still name the organisation; the problem lists them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Deleting requires If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.NotFound
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return service.delete(id, Preconditions.of(headers)) ? Response.noContent().build()
                : Problems.notFound("organisation", id, uri.getPath());
    }
}
