package org.memoria.gateway.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.QueryParameters;
import org.memoria.gateway.api.ArchiveViews.Dossier;
import org.memoria.gateway.api.ArchiveViews.PersonSummary;
import org.memoria.gateway.service.DossierQuery;
import org.memoria.gateway.service.PeopleQuery;

/** /api/people: reads from the read model (a list by name, and dossiers); writes routed to the people service. */
@Path("/api/people")
@Tag(name = "people", description = "Person dossiers; writes are routed to the people service")
public class PeopleApi extends RoutedResource<Dossier> {

    @Inject
    PeopleQuery people;
    @Inject
    DossierQuery dossiers;

    public PeopleApi() {
        super(RoutedCollection.PEOPLE);
    }

    @PermitAll
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listPeople", summary = "List people", description = "By preferred name.")
    @APIResponse(responseCode = "200", description = "A page of people")
    public Page<PersonSummary> list(
            @Parameter(description = "Part of the preferred name, case-insensitive", example = "Trotsky") @QueryParam("name") String name,
            @BeanParam Paging paging) {
        return people.list(QueryParameters.text(uri, "name", name), paging.page(), paging.size());
    }

    @Override
    protected Optional<Dossier> view(UUID id) {
        return dossiers.find(id);
    }
}
