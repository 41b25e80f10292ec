package org.memoria.gateway.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.contract.sources.CitationFilter;
import org.memoria.common.problem.Problem;
import org.memoria.gateway.api.ArchiveViews.Passage;
import org.memoria.gateway.service.CitationQuery;

/** /api/citations: composed views from the read model; lists, revisions and writes routed to the sources service. */
@Path("/api/citations")
@Tag(name = "citations", description = "Cited passages of sources; lists, revisions and writes go to the sources service")
public class CitationsApi extends RoutedResource<Passage> {

    @Inject
    CitationQuery query;

    public CitationsApi() {
        super(RoutedCollection.CITATIONS);
    }

    /** The owner's list; RoutedCollectionsDoc names it and its answer. */
    @PermitAll
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @ProblemResponses.InvalidParameter
    @ProblemResponses.RoutedRead
    public Response list(@BeanParam CitationFilter filter, @BeanParam Paging paging) {
        return listFromOwner(filter, paging);
    }

    @Override
    protected Optional<Passage> view(UUID id) {
        return query.find(id);
    }
}
