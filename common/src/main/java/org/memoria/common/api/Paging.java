package org.memoria.common.api;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code page} and {@code size} query parameters of every list, documented and converted once
 * ({@link QueryParameters}): a list method takes {@code @BeanParam Paging paging}.
 */
public class Paging {

    @QueryParam("page")
    @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
            maximum = "" + Page.MAX_PAGE, defaultValue = "0"))
    String page;

    @QueryParam("size")
    @Parameter(description = "Page size, at most " + Page.MAX_SIZE, schema = @Schema(type = SchemaType.INTEGER,
            minimum = "1", maximum = "" + Page.MAX_SIZE, defaultValue = "" + Page.DEFAULT_SIZE))
    String size;

    /** The page number; a 400 problem naming {@code page} when it is not a whole number from 0 to {@link Page#MAX_PAGE}. */
    public int page() {
        return QueryParameters.page(null, page);
    }

    /** The page size; a 400 problem naming {@code size} when it is not a whole number from 1 to {@link Page#MAX_SIZE}. */
    public int size() {
        return QueryParameters.size(null, size);
    }
}
