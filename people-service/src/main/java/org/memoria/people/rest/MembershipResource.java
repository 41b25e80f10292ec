package org.memoria.people.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.memoria.common.security.Roles;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.contract.people.MembershipInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.people.MembershipView;
import org.memoria.people.domain.Membership;
import org.memoria.people.service.MembershipService;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
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
}
