package org.memoria.gateway.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.gateway.api.ArchiveViews.Claim;
import org.memoria.gateway.service.ClaimQuery;

/** /api/claims: reads from the read model; writes routed to the sources service. */
@Path("/api/claims")
@Tag(name = "claims", description = "Claims with their evidence; writes are routed to the sources service")
public class ClaimsApi extends RoutedResource<Claim> {

    @Inject
    ClaimQuery query;

    public ClaimsApi() {
        super(RoutedCollection.CLAIMS);
    }

    @Override
    protected Optional<Claim> view(UUID id) {
        return query.find(id);
    }
}
