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
import org.memoria.common.contract.events.PlaceFilter;
import org.memoria.common.problem.Problem;
import org.memoria.gateway.api.ArchiveViews.PlaceDetail;
import org.memoria.gateway.service.PlaceQuery;

/** /api/places: composed views from the read model; lists, revisions and writes routed to the events service. */
@Path("/api/places")
@Tag(name = "places", description = "Places; lists, revisions and writes go to the events service")
public class PlacesApi extends RoutedResource<PlaceDetail> {

    @Inject
    PlaceQuery query;

    public PlacesApi() {
        super(RoutedCollection.PLACES);
    }

    /** The owner's list; RoutedCollectionsDoc names it and its answer. */
    @PermitAll
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @ProblemResponses.InvalidParameter
    @ProblemResponses.RoutedRead
    public Response list(@BeanParam PlaceFilter filter, @BeanParam Paging paging) {
        return listFromOwner(filter, paging);
    }

    @Override
    protected Optional<PlaceDetail> view(UUID id) {
        return query.find(id);
    }
}
