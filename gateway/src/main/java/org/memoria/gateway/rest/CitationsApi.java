package org.memoria.gateway.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.gateway.api.ArchiveViews.Passage;
import org.memoria.gateway.service.CitationQuery;

/** /api/citations: reads from the read model; writes routed to the sources service. */
@Path("/api/citations")
@Tag(name = "citations", description = "Cited passages of sources; writes are routed to the sources service")
public class CitationsApi extends RoutedResource<Passage> {

    @Inject
    CitationQuery query;

    public CitationsApi() {
        super(RoutedCollection.CITATIONS);
    }

    @Override
    protected Optional<Passage> view(UUID id) {
        return query.find(id);
    }
}
