package org.memoria.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Paging;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.contract.EntityKind;
import org.memoria.gateway.api.ArchiveViews.SearchResult;
import org.memoria.gateway.service.ArchiveSearch;

@PermitAll
@Path("/api/search")
@Tag(name = "search", description = "Find anything in the archive")
public class SearchApi {

    @Inject
    ArchiveSearch search;
    @Context
    UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "search", summary = "Search the archive",
            description = "Across people, organisations, events, places, sources, quotes and claims; ranked; accent- and "
                    + "case-insensitive (Ramon finds Ramón); alias-aware (Jacson and Mornard find Mercader, Etienne finds "
                    + "Zborowski); tolerant of small misspellings (Trotski). An entity matches when a name or other name "
                    + "equals the query or when a term contains its words; only when nothing matches that way are similar "
                    + "names looked for, among the " + ArchiveSearch.NEAREST + " nearest to the query. `total` and "
                    + "the facets count the matches by that rule, so paging reaches every one. Each hit says which field "
                    + "matched and shows it.")
    @APIResponse(responseCode = "200", description = "The matches, best first: by score (an exact name or alias "
            + "above every partial or fuzzy match), then people and organisations, places, events, sources and the "
            + "rest, then by id; see docs/api.md, Search ranking")
    public SearchResult search(
            @Parameter(description = "What to look for", example = "Jacson", required = true) @QueryParam("q") @NotBlank
            @Size(max = 200) String q,
            @Parameter(description = "Only this kind", schema = @Schema(implementation = EntityKind.class)) @QueryParam("kind") String kind,
            @BeanParam Paging paging) {
        return search.search(q.strip(), QueryParameters.enumValue(uri, "kind", kind, EntityKind.class), paging.page(),
                paging.size());
    }
}
