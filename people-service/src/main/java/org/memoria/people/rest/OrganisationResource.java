package org.memoria.people.rest;

import jakarta.annotation.security.PermitAll;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.contract.SubResources.OrganisationMembers;
import org.memoria.common.contract.people.OrganisationFilter;
import org.memoria.common.contract.people.OrganisationInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.people.OrganisationView;
import org.memoria.common.contract.people.MembershipView;
import org.memoria.people.domain.Organisation;
import org.memoria.people.service.OrganisationService;

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
    @Operation(operationId = "listOrganisations", summary = OrganisationFilter.SUMMARY,
            description = OrganisationFilter.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of organisations")
    public Page<OrganisationView> list(@BeanParam OrganisationFilter filter, @BeanParam Paging paging) {
        return service.list(filter.name(uri), vocabularies.filterCode(uri, "type", org.memoria.common.contract.people.OrganisationType.VOCABULARY, filter.type(uri)), paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}/" + OrganisationMembers.PATH)
    @Operation(operationId = OrganisationMembers.ID, summary = OrganisationMembers.SUMMARY,
            description = OrganisationMembers.DESCRIPTION)
    @APIResponse(responseCode = "200", description = OrganisationMembers.ANSWER)
    @ProblemResponses.NotFound
    public Page<MembershipView> members(@PathParam("id") UUID id,
            @BeanParam Paging paging) {
        return service.members(id, paging.page(), paging.size())
                .orElseThrow(() -> notFound(id));
    }
}
