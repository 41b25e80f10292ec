package org.memoria.people.rest;

import jakarta.annotation.security.PermitAll;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.contract.people.MembershipFilter;
import org.memoria.common.contract.people.MembershipInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.people.MembershipView;
import org.memoria.people.domain.Membership;
import org.memoria.people.service.MembershipService;

@Path("/memberships")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "memberships", description = "Persons' memberships of organisations, with role and period")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter, "
        + "including a personId or organisationId that names no person or organisation of this service",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MembershipResource extends OwnedEntityResource<Membership, MembershipInput, MembershipView> {

    @Inject
    MembershipService service;

    @Override
    protected MembershipService service() {
        return service;
    }

    @PermitAll
    @GET
    @Operation(operationId = "listMemberships", summary = MembershipFilter.SUMMARY,
            description = MembershipFilter.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of memberships")
    public Page<MembershipView> list(@BeanParam MembershipFilter filter, @BeanParam Paging paging) {
        return service.list(filter.personId(uri), filter.organisationId(uri), paging.page(), paging.size());
    }
}
