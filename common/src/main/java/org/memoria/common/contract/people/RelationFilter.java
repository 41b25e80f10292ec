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
 * The filters of the relations list, said once for the people service and the gateway
 * ({@code @BeanParam RelationFilter}).
 */
public class RelationFilter implements ListFilter {

    public static final String SUMMARY = "List relations";
    public static final String DESCRIPTION = "Relations with the names of both persons and the labels of the type read "
            + "from either end, chronologically (undated ones last). `personId` keeps relations with that person at "
            + "either end; `type` keeps relations of that type.";

    @QueryParam("personId")
    @Parameter(description = "Only relations with this person at either end",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String personId;

    @QueryParam("type")
    @Parameter(description = "Only relations of this type (a code of the relation-types vocabulary, in any case; an unknown code is a 400 naming the closest terms)", example = "LIAISON",
            schema = @Schema(type = SchemaType.STRING, maxLength = 30))
    String type;

    public UUID personId(UriInfo uri) {
        return QueryParameters.uuid(uri, "personId", personId);
    }

    public String type(UriInfo uri) {
        return QueryParameters.termCode(uri, "type", type);
    }

    @Override
    public void check(UriInfo uri) {
        personId(uri);
        type(uri);
    }
}
