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
 * The filters of the citations list, said once for the sources service and the gateway
 * ({@code @BeanParam CitationFilter}).
 */
public class CitationFilter implements ListFilter {

    public static final String SUMMARY = "List citations";
    public static final String DESCRIPTION = "Citations by their source's date (undated last), then in the order they "
            + "were recorded. Every filter given must hold: `sourceId`; `aboutKind` and/or `aboutId` (an entry of "
            + "`about` with that kind and/or id). Pages hold at most " + Page.MAX_SIZE + " citations.";

    @QueryParam("sourceId")
    @Parameter(description = "Only passages of this source", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String sourceId;

    @QueryParam("aboutKind")
    @Parameter(description = "Only passages about an entity of this kind", example = "PERSON",
            schema = @Schema(implementation = EntityKind.class))
    String aboutKind;

    @QueryParam("aboutId")
    @Parameter(description = "Only passages about this entity", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String aboutId;

    public UUID sourceId(UriInfo uri) {
        return QueryParameters.uuid(uri, "sourceId", sourceId);
    }

    public EntityKind aboutKind(UriInfo uri) {
        return QueryParameters.enumValue(uri, "aboutKind", aboutKind, EntityKind.class);
    }

    public UUID aboutId(UriInfo uri) {
        return QueryParameters.uuid(uri, "aboutId", aboutId);
    }

    @Override
    public void check(UriInfo uri) {
        sourceId(uri);
        aboutKind(uri);
        aboutId(uri);
    }
}
