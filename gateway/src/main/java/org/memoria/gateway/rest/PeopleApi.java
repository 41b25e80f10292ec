package org.memoria.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.memoria.common.security.Roles;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.people.PersonInput;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.problem.Problem;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.api.ArchiveViews.Dossier;
import org.memoria.gateway.api.ArchiveViews.PersonSummary;
import org.memoria.gateway.service.ArchiveQueries;
import org.memoria.gateway.service.OwnerRouter;

/** /api/people: reads from the read model; writes routed to the people service. */
@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/api/people")
@Tag(name = "people", description = "Person dossiers; writes are routed to the people service")
public class PeopleApi {

    private static final String OWNER = "people service";

    @Inject
    ArchiveQueries queries;
    @Inject
    OwnerRouter router;
    @Inject
    GatewayConfig config;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @PermitAll
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listPeople", summary = "List people", description = "By preferred name.")
    @APIResponse(responseCode = "200", description = "A page of people")
    public Page<PersonSummary> list(
            @Parameter(description = "Part of the preferred name, case-insensitive", example = "Trotsky") @QueryParam("name") String name,
            @BeanParam Paging paging) {
        return queries.people(QueryParameters.text(uri, "name", name), paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getDossier", summary = "A person's dossier", description = "The person with names and aliases (with periods), life dates and places, memberships, relations read from this person's side, the events they took part in with their role in date order, the sources they wrote, the passages about them, and the claims about them with status and evidence for and against.")
    @APIResponse(responseCode = "200", description = "Found; the ETag is the version the archive holds",
            content = @Content(schema = @Schema(implementation = Dossier.class)))
    @ProblemResponses.NotFound
    public Response get(@PathParam("id") UUID id) {
        return Views.found(queries.dossier(id), "person", id, uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "createPerson", summary = "Record a person",
            description = "Routed to the people service; the archive's views show it once its change event is projected.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new person in this API")
    @ProblemResponses.RoutedWrite
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PersonInput.class))) byte[] body) {
        return router.forward(OWNER, config.owners().people(), "POST", "/people", headers, body, uri);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(operationId = "putPerson", summary = "Replace a person, or record it under this id",
            description = "Routed to the people service. Replacing needs If-Match with the version read; creating accepts "
                    + "If-None-Match: *. An identical replace changes nothing.")
    @APIResponse(responseCode = "200", description = "Replaced, or unchanged")
    @APIResponse(responseCode = "201", description = "Created under this id")
    @ProblemResponses.RoutedWrite
    @ProblemResponses.Conditional
    @ProblemResponses.IdOfAnotherKind
    public Response put(@PathParam("id") UUID id, @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonInput.class))) byte[] body) {
        return router.forward(EntityKind.PERSON, id, OWNER, config.owners().people(), "PUT",
                "/people/" + id, headers, body, uri);
    }

    @DELETE
    @Path("{id}")
    @Produces(Problem.MEDIA_TYPE)
    @Operation(operationId = "deletePerson", summary = "Delete a person",
            description = "Routed to the people service; needs If-Match with the version read.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.NotFound
    @ProblemResponses.RoutedWrite
    @ProblemResponses.Conditional
    @ProblemResponses.DeleteConflict
    public Response delete(@PathParam("id") UUID id) {
        return router.forward(EntityKind.PERSON, id, OWNER, config.owners().people(), "DELETE",
                "/people/" + id, headers, null, uri);
    }
}
