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
import org.memoria.common.contract.people.MembershipInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.people.mapping.MembershipMapper;
import org.memoria.people.service.MembershipService;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/memberships")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "memberships", description = "Persons' memberships of organisations, with role and period")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter, "
        + "including a personId or organisationId that names no person or organisation of this service",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MembershipResource {

    @Inject
    MembershipService service;
    @Inject
    MembershipMapper mapper;
    @Context
    UriInfo uri;

    @PermitAll
    @GET
    @Operation(operationId = "listMemberships", summary = "List memberships",
            description = "Memberships with the names of person and organisation, chronologically (undated ones last). "
                    + "`personId` and `organisationId` keep those of that person or organisation.")
    @APIResponse(responseCode = "200", description = "A page of memberships")
    public Page<MembershipView> list(
            @Parameter(description = "Only this person's memberships",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("personId") String personId,
            @Parameter(description = "Only memberships of this organisation",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("organisationId")
            String organisationId,
            @BeanParam Paging paging) {
        return service.list(QueryParameters.uuid(uri, "personId", personId),
                QueryParameters.uuid(uri, "organisationId", organisationId), paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}")
    @Operation(operationId = "getMembership", summary = "Get a membership")
    @APIResponse(responseCode = "200", description = "The membership; the ETag is its version",
            content = @Content(schema = @Schema(implementation = MembershipView.class)))
    @ProblemResponses.NotFound
    public Response get(@PathParam("id") UUID id) {
        return service.find(id).map(m -> Responses.ok(m, m.version()))
                .orElseGet(() -> Problems.notFound("membership", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{id}/revisions")
    @Operation(operationId = "getMembershipRevisions", summary = "A membership's revision history",
            description = "Every change, oldest first: when, by whom (the subject of the token that wrote it), which fields, "
                    + "and the state it left.")
    @APIResponse(responseCode = "200", description = "The revisions")
    @ProblemResponses.NotFound
    public Response revisions(@PathParam("id") UUID id) {
        var history = service.revisions(id);
        return history.isEmpty() ? Problems.notFound("membership", id, uri.getPath()) : Response.ok(history).build();
    }

    @POST
    @Operation(operationId = "createMembership", summary = "Record a membership",
            description = "`personId` must name a person and `organisationId` an organisation of this service; "
                    + "`sourceId` (sources service) is not checked.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new membership",
            content = @Content(schema = @Schema(implementation = MembershipView.class)))
    @ProblemResponses.IdempotentCreate
    public Response create(@Valid @NotNull MembershipInput input, @Context HttpHeaders headers) {
        var membership = service.create(input, IdempotencyKey.of(headers)).entity();
        return Responses.created(uri, membership.id, mapper.toView(membership), membership.version);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "putMembership", summary = "Replace a membership, or record it under this id",
            description = "Idempotent: a replace that changes nothing keeps the version and publishes nothing.")
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(schema = @Schema(implementation = MembershipView.class)))
    @APIResponse(responseCode = "201", description = "Created under this id",
            content = @Content(schema = @Schema(implementation = MembershipView.class)))
    @ProblemResponses.Conditional
    public Response put(@PathParam("id") UUID id, @Valid @NotNull MembershipInput input, @Context HttpHeaders headers) {
        var result = service.put(id, input, Preconditions.of(headers));
        var view = mapper.toView(result.entity());
        return result.created() ? Responses.created(uri, id, view, view.version()) : Responses.ok(view, view.version());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteMembership", summary = "Delete a membership", description = "Publishes a tombstone.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.Conditional
    @ProblemResponses.NotFound
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return service.delete(id, Preconditions.of(headers)) ? Response.noContent().build()
                : Problems.notFound("membership", id, uri.getPath());
    }
}
