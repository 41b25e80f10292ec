package org.memoria.sources.rest;

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
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.sources.ClaimInput;
import org.memoria.common.contract.sources.ClaimStatus;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.sources.ClaimView;
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
public class ClaimResource extends OwnedEntityResource<Claim, ClaimInput, ClaimView> {

    @Inject
    ClaimService service;

    @Override
    protected ClaimService service() {
        return service;
    }

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
}
