package org.memoria.common.contract.sources;

import java.util.UUID;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.memoria.common.api.Page;
import org.memoria.common.api.ListFilter;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.contract.EntityKind;

/**
 * The filters of the claims list, said once for the sources service and the gateway ({@code @BeanParam ClaimFilter}).
 */
public class ClaimFilter implements ListFilter {

    public static final String SUMMARY = "List claims";
    public static final String DESCRIPTION = "Claims by statement, each with its evidence, status and history. Every "
            + "filter given must hold: `subjectKind` and/or `subjectId` (a subject with that kind and/or id); `status`. "
            + "Pages hold at most " + Page.MAX_SIZE + " claims.";

    @QueryParam("subjectKind")
    @Parameter(description = "Only claims with a subject of this kind", example = "PERSON",
            schema = @Schema(implementation = EntityKind.class))
    String subjectKind;

    @QueryParam("subjectId")
    @Parameter(description = "Only claims about this entity", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String subjectId;

    @QueryParam("status")
    @Parameter(description = "Only claims with this derived status", example = "ESTABLISHED",
            schema = @Schema(implementation = ClaimStatus.class))
    String status;

    public EntityKind subjectKind(UriInfo uri) {
        return QueryParameters.enumValue(uri, "subjectKind", subjectKind, EntityKind.class);
    }

    public UUID subjectId(UriInfo uri) {
        return QueryParameters.uuid(uri, "subjectId", subjectId);
    }

    public ClaimStatus status(UriInfo uri) {
        return QueryParameters.enumValue(uri, "status", status, ClaimStatus.class);
    }

    @Override
    public void check(UriInfo uri) {
        subjectKind(uri);
        subjectId(uri);
        status(uri);
    }
}
