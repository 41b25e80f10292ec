package org.memoria.gateway.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.gateway.api.ArchiveViews.Relation;
import org.memoria.gateway.service.RelationQuery;

/** /api/relations: reads from the read model; writes routed to the people service. */
@Path("/api/relations")
@Tag(name = "relations", description = "Person-to-person relations; writes are routed to the people service")
public class RelationsApi extends RoutedResource<Relation> {

    @Inject
    RelationQuery query;

    public RelationsApi() {
        super(RoutedCollection.RELATIONS);
    }

    @Override
    protected Optional<Relation> view(UUID id) {
        return query.find(id);
    }
}
