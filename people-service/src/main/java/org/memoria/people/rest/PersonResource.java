package org.memoria.people.rest;

import jakarta.annotation.security.PermitAll;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.contract.SubResources.PersonMemberships;
import org.memoria.common.contract.SubResources.PersonRelations;
import org.memoria.common.contract.people.PersonFilter;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.people.PersonView;
import org.memoria.common.contract.people.PersonRelationView;
import org.memoria.common.contract.people.MembershipView;
import org.memoria.people.domain.Person;
import org.memoria.people.service.PersonService;
import org.memoria.common.validation.Text;

@Path("/people")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "people", description = "Persons, their names, and their memberships and relations read from their side")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PersonResource extends OwnedEntityResource<Person, PersonInput, PersonView> {

    @Inject
    PersonService service;

    @Override
    protected PersonService service() {
        return service;
    }

    @PermitAll
    @GET
    @Operation(operationId = "listPeople", summary = PersonFilter.SUMMARY, description = PersonFilter.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of people")
    public Page<PersonView> list(@BeanParam PersonFilter filter, @BeanParam Paging paging) {
        LocalDate from = filter.bornFrom(uri);
        LocalDate to = filter.bornTo(uri);
        if (from != null && to != null && to.isBefore(from)) {
            throw QueryParameters.invalid(uri, "bornTo", Text.quoted(filter.rawBornTo()) + " ends before bornFrom "
                    + Text.quoted(filter.rawBornFrom()) + " begins");
        }
        var criteria = new Person.Filter(filter.name(uri), filter.organisationId(uri), from, to);
        return service.list(criteria, Person.Order.valueOf(filter.sort(uri).toUpperCase(Locale.ROOT)), paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}/" + PersonMemberships.PATH)
    @Operation(operationId = PersonMemberships.ID, summary = PersonMemberships.SUMMARY,
            description = PersonMemberships.DESCRIPTION)
    @APIResponse(responseCode = "200", description = PersonMemberships.ANSWER)
    @ProblemResponses.NotFound
    public Page<MembershipView> memberships(@PathParam("id") UUID id,
            @BeanParam Paging paging) {
        return service.memberships(id, paging.page(), paging.size())
                .orElseThrow(() -> notFound(id));
    }

    @PermitAll
    @GET
    @Path("{id}/" + PersonRelations.PATH)
    @Operation(operationId = PersonRelations.ID, summary = PersonRelations.SUMMARY,
            description = PersonRelations.DESCRIPTION)
    @APIResponse(responseCode = "200", description = PersonRelations.ANSWER)
    @ProblemResponses.NotFound
    public Page<PersonRelationView> relations(@PathParam("id") UUID id,
            @BeanParam Paging paging) {
        return service.relations(id, paging.page(), paging.size())
                .orElseThrow(() -> notFound(id));
    }
}
