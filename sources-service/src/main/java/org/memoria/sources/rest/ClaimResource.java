package org.memoria.sources.rest;

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
import org.memoria.common.contract.sources.ClaimFilter;
import org.memoria.common.contract.sources.ClaimInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.sources.ClaimView;
import org.memoria.sources.domain.Claim;
import org.memoria.sources.service.ClaimService;

@Path("/claims")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "claims", description = "Statements about people and events, the evidence for and against them, and the "
        + "status that evidence gives them")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter "
        + "(also evidence naming no citation or source of this service, or both, and a `status`, which is derived, never written)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ClaimResource extends OwnedEntityResource<Claim, ClaimInput, ClaimView> {

    @Inject
    ClaimService service;

    @Override
    protected ClaimService service() {
        return service;
    }

    @PermitAll
    @GET
    @Operation(operationId = "listClaims", summary = ClaimFilter.SUMMARY, description = ClaimFilter.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of claims")
    public Page<ClaimView> list(@BeanParam ClaimFilter filter, @BeanParam Paging paging) {
        return service.list(new Claim.Criteria(filter.subjectKind(uri), filter.subjectId(uri), filter.status(uri)),
                paging.page(), paging.size());
    }
}
