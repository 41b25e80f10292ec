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
import org.memoria.common.contract.people.RelationFilter;
import org.memoria.common.problem.Problem;
import org.memoria.gateway.api.ArchiveViews.Relation;
import org.memoria.gateway.service.RelationQuery;

/** /api/relations: composed views from the read model; lists, revisions and writes routed to the people service. */
@Path("/api/relations")
@Tag(name = "relations", description = "Person-to-person relations; lists, revisions and writes go to the people service")
public class RelationsApi extends RoutedResource<Relation> {

    @Inject
    RelationQuery query;

    public RelationsApi() {
        super(RoutedCollection.RELATIONS);
    }

    /** The owner's list; RoutedCollectionsDoc names it and its answer. */
    @PermitAll
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @ProblemResponses.InvalidParameter
    @ProblemResponses.RoutedRead
    public Response list(@BeanParam RelationFilter filter, @BeanParam Paging paging) {
        return listFromOwner(filter, paging);
    }

    @Override
    protected Optional<Relation> view(UUID id) {
        return query.find(id);
    }
}
