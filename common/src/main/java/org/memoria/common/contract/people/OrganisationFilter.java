package org.memoria.common.contract.people;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.memoria.common.api.ListFilter;
import org.memoria.common.api.QueryParameters;

/**
 * The filters of the organisations list, said once for the people service and the gateway
 * ({@code @BeanParam OrganisationFilter}).
 */
public class OrganisationFilter implements ListFilter {

    public static final String SUMMARY = "List organisations";
    public static final String DESCRIPTION = "Organisations by preferred name. `name` matches any of their names, "
            + "case-insensitively; `type` keeps organisations of that type.";

    @QueryParam("name")
    @Parameter(description = "Part of any name", example = "Socialist")
    String name;

    @QueryParam("type")
    @Parameter(description = "Only organisations of this type (a code of the organisation-types vocabulary, in any case; an unknown code is a 400 naming the closest terms)", example = "POLITICAL_PARTY",
            schema = @Schema(type = SchemaType.STRING, maxLength = 30))
    String type;

    public String name(UriInfo uri) {
        return QueryParameters.text(uri, "name", name);
    }

    public String type(UriInfo uri) {
        return QueryParameters.termCode(uri, "type", type);
    }

    @Override
    public void check(UriInfo uri) {
        name(uri);
        type(uri);
    }
}
