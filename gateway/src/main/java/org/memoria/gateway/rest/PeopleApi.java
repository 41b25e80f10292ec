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
import org.memoria.common.contract.people.PersonFilter;
import org.memoria.common.problem.Problem;
import org.memoria.gateway.api.ArchiveViews.Dossier;
import org.memoria.gateway.service.DossierQuery;

/** /api/people: dossiers from the read model; lists, revisions and writes routed to the people service. */
@Path("/api/people")
@Tag(name = "people", description = "Person dossiers; lists, revisions and writes go to the people service")
public class PeopleApi extends RoutedResource<Dossier> {

    @Inject
    DossierQuery dossiers;

    public PeopleApi() {
        super(RoutedCollection.PEOPLE);
    }

    /** The owner's list; RoutedCollectionsDoc names it and its answer. */
    @PermitAll
    @GET
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @ProblemResponses.InvalidParameter
    @ProblemResponses.RoutedRead
    public Response list(@BeanParam PersonFilter filter, @BeanParam Paging paging) {
        return listFromOwner(filter, paging);
    }

    @Override
    protected Optional<Dossier> view(UUID id) {
        return dossiers.find(id);
    }
}
