package org.memoria.people.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.memoria.common.security.Roles;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.IdempotencyKey;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.Preconditions;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.api.Responses;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.people.domain.Person;
import org.memoria.people.mapping.PersonMapper;
import org.memoria.people.service.PersonService;
import org.memoria.common.validation.Text;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/people")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "people", description = "Persons, their names, and their memberships and relations read from their side")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PersonResource {

    @Inject
    PersonService service;
    @Inject
    PersonMapper mapper;
    @Context
    UriInfo uri;

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
            throw Filters.invalid(uri, "bornTo", Text.quoted(bornTo) + " ends before bornFrom " + Text.quoted(bornFrom) + " begins");
        }
        var filter = new Person.Filter(QueryParameters.text(uri, "name", name), QueryParameters.uuid(uri, "organisationId", organisationId), from, to);
        return service.list(filter, Filters.order(uri, sort), paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}")
    @Operation(operationId = "getPerson", summary = "Get a person")
    @APIResponse(responseCode = "200", description = "The person; the ETag is its version",
            content = @Content(schema = @Schema(implementation = PersonView.class)))
    @ProblemResponses.NotFound
    public Response get(@PathParam("id") UUID id) {
        return service.find(id).map(p -> Responses.ok(p, p.version()))
                .orElseGet(() -> Problems.notFound("person", id, uri.getPath()));
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
                .orElseThrow(() -> new NotFoundException(Problems.notFound("person", id, uri.getPath())));
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
                .orElseThrow(() -> new NotFoundException(Problems.notFound("person", id, uri.getPath())));
    }

    @PermitAll
    @GET
    @Path("{id}/revisions")
    @Operation(operationId = "getPersonRevisions", summary = "A person's revision history",
            description = "Every change, oldest first: when, by whom (the subject of the token that wrote it), which fields, "
                    + "and the state it left.")
    @APIResponse(responseCode = "200", description = "The revisions")
    @ProblemResponses.NotFound
    public Response revisions(@PathParam("id") UUID id) {
        var history = service.revisions(id);
        return history.isEmpty() ? Problems.notFound("person", id, uri.getPath()) : Response.ok(history).build();
    }

    @POST
    @Operation(operationId = "createPerson", summary = "Record a person",
            description = "Place ids name places of the events service and are not checked (the place may be recorded "
                    + "later). Authority identifiers are checked by format.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new person",
            content = @Content(schema = @Schema(implementation = PersonView.class)))
    @ProblemResponses.IdempotentCreate
    public Response create(@Valid @NotNull PersonInput input, @Context HttpHeaders headers) {
        var person = service.create(input, IdempotencyKey.of(headers)).entity();
        return Responses.created(uri, person.id, mapper.toView(person), person.version);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "putPerson", summary = "Replace a person, or record it under this id",
            description = "Idempotent: a replace that changes nothing keeps the version and publishes nothing.")
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(schema = @Schema(implementation = PersonView.class)))
    @ProblemResponses.Conditional
    @APIResponse(responseCode = "201", description = "Created under this id",
            content = @Content(schema = @Schema(implementation = PersonView.class)))
    public Response put(@PathParam("id") UUID id, @Valid @NotNull PersonInput input, @Context HttpHeaders headers) {
        var result = service.put(id, input, Preconditions.of(headers));
        var view = mapper.toView(result.entity());
        return result.created() ? Responses.created(uri, id, view, view.version()) : Responses.ok(view, view.version());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deletePerson", summary = "Delete a person",
            description = "Publishes a tombstone. A person that memberships or relations still name is kept: delete "
                    + "or change those first.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409",
            description = "Memberships or relations still name the person; the problem lists them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.Conditional
    @ProblemResponses.NotFound
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return service.delete(id, Preconditions.of(headers)) ? Response.noContent().build() : Problems.notFound("person", id, uri.getPath());
    }
}
