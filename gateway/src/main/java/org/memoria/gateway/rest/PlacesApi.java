package org.memoria.gateway.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.gateway.api.ArchiveViews.PlaceDetail;
import org.memoria.gateway.service.PlaceQuery;

/** /api/places: reads from the read model; writes routed to the events service. */
@Path("/api/places")
@Tag(name = "places", description = "Places; writes are routed to the events service")
public class PlacesApi extends RoutedResource<PlaceDetail> {

    @Inject
    PlaceQuery query;

    public PlacesApi() {
        super(RoutedCollection.PLACES);
    }

    @Override
    protected Optional<PlaceDetail> view(UUID id) {
        return query.find(id);
    }
}
