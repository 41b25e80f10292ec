package org.memoria.common.contract.people;

import java.util.UUID;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.memoria.common.api.ListFilter;
import org.memoria.common.api.QueryParameters;

/**
 * The filters of the memberships list, said once for the people service and the gateway
 * ({@code @BeanParam MembershipFilter}).
 */
public class MembershipFilter implements ListFilter {

    public static final String SUMMARY = "List memberships";
    public static final String DESCRIPTION = "Memberships with the names of person and organisation, chronologically "
            + "(undated ones last). `personId` and `organisationId` keep those of that person or organisation.";

    @QueryParam("personId")
    @Parameter(description = "Only this person's memberships", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String personId;

    @QueryParam("organisationId")
    @Parameter(description = "Only memberships of this organisation",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String organisationId;

    public UUID personId(UriInfo uri) {
        return QueryParameters.uuid(uri, "personId", personId);
    }

    public UUID organisationId(UriInfo uri) {
        return QueryParameters.uuid(uri, "organisationId", organisationId);
    }

    @Override
    public void check(UriInfo uri) {
        personId(uri);
        organisationId(uri);
    }
}
