package org.memoria.people.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.memoria.common.security.Roles;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.people.PersonView;
import org.memoria.common.contract.people.PersonRelationView;
import org.memoria.common.contract.people.MembershipView;
import org.memoria.people.domain.Person;
import org.memoria.people.service.PersonService;
import org.memoria.common.validation.Text;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
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
    @Operation(operationId = "listPeople", summary = "List people",
            description = "People by preferred name (`sort=name`) or by earliest possible birthday, people without a "
                    + "birth date last (`sort=birth`). Every filter is optional and they combine: `name` matches any "
                    + "of their names, case-insensitively; `organisationId` keeps the organisation's members; "
                    + "`bornFrom`/`bornTo` (EDTF dates) keep people whose possible birthdays overlap the range, so "
                    + "someone born \"1913-02\" is found with bornFrom=bornTo=1913-02-07.")
    @APIResponse(responseCode = "200", description = "A page of people")
    public Page<PersonView> list(
            @Parameter(description = "Part of any name", example = "Mornard") @QueryParam("name") String name,
            @Parameter(description = "Only members of this organisation",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("organisationId")
            String organisationId,
            @Parameter(description = "Born on or after the first day of this EDTF date", example = "1913")
            @QueryParam("bornFrom") String bornFrom,
            @Parameter(description = "Born on or before the last day of this EDTF date", example = "1913-02")
            @QueryParam("bornTo") String bornTo,
            @Parameter(description = "The order", schema = @Schema(enumeration = { "name", "birth" },
                    defaultValue = "name")) @QueryParam("sort") String sort,
            @BeanParam Paging paging) {
        LocalDate from = QueryParameters.earliest(uri, "bornFrom", bornFrom);
        LocalDate to = QueryParameters.latest(uri, "bornTo", bornTo);
        if (from != null && to != null && to.isBefore(from)) {
            throw QueryParameters.invalid(uri, "bornTo", Text.quoted(bornTo) + " ends before bornFrom " + Text.quoted(bornFrom) + " begins");
        }
        var filter = new Person.Filter(QueryParameters.text(uri, "name", name), QueryParameters.uuid(uri, "organisationId", organisationId), from, to);
        return service.list(filter, Filters.order(uri, sort), paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}/memberships")
    @Operation(operationId = "listPersonMemberships", summary = "A person's memberships",
            description = "The organisations the person belongs or belonged to, with their names, role and period; "
                    + "chronologically, undated ones last.")
    @APIResponse(responseCode = "200", description = "A page of memberships")
    @ProblemResponses.NotFound
    public Page<MembershipView> memberships(@PathParam("id") UUID id,
            @BeanParam Paging paging) {
        return service.memberships(id, paging.page(), paging.size())
                .orElseThrow(() -> notFound(id));
    }

    @PermitAll
    @GET
    @Path("{id}/relations")
    @Operation(operationId = "listPersonRelations", summary = "A person's relations, read from their side",
            description = "Relations in both directions. `label` reads the type from this person: for \"Sylvia "
                    + "Ageloff LIAISON Ramón Mercader\", Ageloff's list says \"liaison of\" Ramón Mercader and "
                    + "Mercader's says \"had as liaison\" Sylvia Ageloff. Chronologically, undated ones last.")
    @APIResponse(responseCode = "200", description = "A page of relations")
    @ProblemResponses.NotFound
    public Page<PersonRelationView> relations(@PathParam("id") UUID id,
            @BeanParam Paging paging) {
        return service.relations(id, paging.page(), paging.size())
                .orElseThrow(() -> notFound(id));
    }
}
