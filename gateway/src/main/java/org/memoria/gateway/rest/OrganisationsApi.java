package org.memoria.gateway.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.gateway.api.ArchiveViews.OrganisationDetail;
import org.memoria.gateway.service.OrganisationQuery;

/** /api/organisations: reads from the read model; writes routed to the people service. */
@Path("/api/organisations")
@Tag(name = "organisations", description = "Organisations and their members; writes are routed to the people service")
public class OrganisationsApi extends RoutedResource<OrganisationDetail> {

    @Inject
    OrganisationQuery query;

    public OrganisationsApi() {
        super(RoutedCollection.ORGANISATIONS);
    }

    @Override
    protected Optional<OrganisationDetail> view(UUID id) {
        return query.find(id);
    }
}
