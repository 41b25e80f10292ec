package org.memoria.common.contract.events;

import java.util.UUID;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.memoria.common.api.ListFilter;
import org.memoria.common.api.QueryParameters;

/** The filters of the places list, said once for the events service and the gateway ({@code @BeanParam PlaceFilter}). */
public class PlaceFilter implements ListFilter {

    public static final String SUMMARY = "List places";
    public static final String DESCRIPTION = "Places by name. `name` matches the name or any alternate name, "
            + "case-insensitively; `parentPlaceId` keeps the places directly inside that place.";

    @QueryParam("name")
    @Parameter(description = "Part of the name or of an alternate name", example = "Ciudad de")
    String name;

    @QueryParam("type")
    @Parameter(description = "Only places of this type (a code of the place-types vocabulary, in any case; an unknown code is a 400 naming the closest terms)", example = "CITY", schema = @Schema(type = SchemaType.STRING, maxLength = 30))
    String type;

    @QueryParam("parentPlaceId")
    @Parameter(description = "Only places directly inside this place",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String parentPlaceId;

    public String name(UriInfo uri) {
        return QueryParameters.text(uri, "name", name);
    }

    public String type(UriInfo uri) {
        return QueryParameters.termCode(uri, "type", type);
    }

    public UUID parentPlaceId(UriInfo uri) {
        return QueryParameters.uuid(uri, "parentPlaceId", parentPlaceId);
    }

    @Override
    public void check(UriInfo uri) {
        name(uri);
        type(uri);
        parentPlaceId(uri);
    }
}
