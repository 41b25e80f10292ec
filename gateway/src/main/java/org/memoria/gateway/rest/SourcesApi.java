package org.memoria.gateway.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.gateway.api.ArchiveViews.SourceDetail;
import org.memoria.gateway.service.SourceQuery;

/** /api/sources: reads from the read model; writes routed to the sources service. */
@Path("/api/sources")
@Tag(name = "sources", description = "Sources; writes are routed to the sources service")
public class SourcesApi extends RoutedResource<SourceDetail> {

    @Inject
    SourceQuery query;

    public SourcesApi() {
        super(RoutedCollection.SOURCES);
    }

    @Override
    protected Optional<SourceDetail> view(UUID id) {
        return query.find(id);
    }
}
