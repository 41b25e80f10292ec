package org.memoria.gateway.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.gateway.api.ArchiveViews.Membership;
import org.memoria.gateway.service.MembershipQuery;

/** /api/memberships: reads from the read model; writes routed to the people service. */
@Path("/api/memberships")
@Tag(name = "memberships", description = "Memberships of people in organisations; writes are routed to the people service")
public class MembershipsApi extends RoutedResource<Membership> {

    @Inject
    MembershipQuery query;

    public MembershipsApi() {
        super(RoutedCollection.MEMBERSHIPS);
    }

    @Override
    protected Optional<Membership> view(UUID id) {
        return query.find(id);
    }
}
