package org.memoria.people.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.memoria.common.security.Roles;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.contract.people.OrganisationInput;
import org.memoria.common.contract.people.OrganisationType;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.people.OrganisationView;
import org.memoria.common.contract.people.MembershipView;
import org.memoria.people.domain.Organisation;
import org.memoria.people.service.OrganisationService;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "organisations", description = "Parties, secret police, internationals, unions… and their members")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OrganisationResource extends OwnedEntityResource<Organisation, OrganisationInput, OrganisationView> {

    @Inject
    OrganisationService service;

    @Override
    protected OrganisationService service() {
        return service;
    }

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
    @Path("{id}/members")
    @Operation(operationId = "listOrganisationMembers", summary = "An organisation's members",
            description = "The organisation's memberships with the members' names, role and period; chronologically, "
                    + "undated ones last.")
    @APIResponse(responseCode = "200", description = "A page of memberships")
    @ProblemResponses.NotFound
    public Page<MembershipView> members(@PathParam("id") UUID id,
            @BeanParam Paging paging) {
        return service.members(id, paging.page(), paging.size())
                .orElseThrow(() -> notFound(id));
    }
}
