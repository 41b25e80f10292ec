package org.memoria.events.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.memoria.common.security.Roles;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.memoria.common.contract.events.PlaceInput;
import org.memoria.common.contract.events.PlaceType;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.common.revision.RevisionView;
import org.memoria.events.mapping.PlaceMapper;
import org.memoria.events.service.PlaceService;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/places")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "places", description = "Where events happened: countries, cities, districts, buildings, rivers")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PlaceResource {

    @Inject
    PlaceService service;
    @Inject
    PlaceMapper mapper;
    @Context
    UriInfo uri;

    @PermitAll
    @GET
    @Operation(operationId = "listPlaces", summary = "List places",
            description = "Places by name. `name` matches the name or any alternate name, case-insensitively; "
                    + "`parentPlaceId` keeps the places directly inside that place.")
    @APIResponse(responseCode = "200", description = "A page of places")
    public Page<PlaceView> list(
            @Parameter(description = "Part of the name or of an alternate name", example = "Ciudad de")
            @QueryParam("name") String name,
            @Parameter(description = "Only places of this type", example = "CITY",
                    schema = @Schema(implementation = PlaceType.class)) @QueryParam("type") String type,
            @Parameter(description = "Only places directly inside this place",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("parentPlaceId")
            String parentPlaceId,
            @BeanParam Paging paging) {
        return service.list(QueryParameters.text(uri, "name", name), QueryParameters.enumValue(uri, "type", type, PlaceType.class),
                QueryParameters.uuid(uri, "parentPlaceId", parentPlaceId), paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}")
    @Operation(operationId = "getPlace", summary = "Get a place")
    @APIResponse(responseCode = "200", description = "The place; the ETag is its version",
            content = @Content(schema = @Schema(implementation = PlaceView.class)))
    @ProblemResponses.NotFound
    public Response get(@PathParam("id") UUID id) {
        return service.find(id).map(p -> Responses.ok(p, p.version()))
                .orElseGet(() -> Problems.notFound("place", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{id}/children")
    @Operation(operationId = "getPlaceChildren", summary = "The places directly inside a place",
            description = "Places whose parentPlaceId is this place, by name.")
    @APIResponse(responseCode = "200", description = "A page of places")
    @ProblemResponses.NotFound
    public Response children(@PathParam("id") UUID id,
            @BeanParam Paging paging) {
        return service.children(id, paging.page(), paging.size()).map(p -> Response.ok(p).build())
                .orElseGet(() -> Problems.notFound("place", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{id}/revisions")
    @Operation(operationId = "getPlaceRevisions", summary = "A place's revision history",
            description = "Every change, oldest first: when, by whom (the subject of the token that wrote it), which "
                    + "fields, and the state it left.")
    @APIResponse(responseCode = "200", description = "The revisions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RevisionView.class)))
    @ProblemResponses.NotFound
    public Response revisions(@PathParam("id") UUID id) {
        var history = service.revisions(id);
        return history.isEmpty() ? Problems.notFound("place", id, uri.getPath()) : Response.ok(history).build();
    }

    @POST
    @Operation(operationId = "createPlace", summary = "Record a place",
            description = "parentPlaceId must name a place of this service.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new place",
            content = @Content(schema = @Schema(implementation = PlaceView.class)))
    @ProblemResponses.IdempotentCreate
    public Response create(@Valid @NotNull PlaceInput input, @Context HttpHeaders headers) {
        var place = service.create(input, IdempotencyKey.of(headers)).entity();
        return Responses.created(uri, place.id, mapper.toView(place), place.version);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "putPlace", summary = "Replace a place, or record it under this id",
            description = "Idempotent: a replace that changes nothing keeps the version and publishes nothing. "
                    + "A parentPlaceId that would put the place inside itself is refused.")
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(schema = @Schema(implementation = PlaceView.class)))
    @APIResponse(responseCode = "201", description = "Created under this id",
            content = @Content(schema = @Schema(implementation = PlaceView.class)))
    @ProblemResponses.Conditional
    public Response put(@PathParam("id") UUID id, @Valid @NotNull PlaceInput input, @Context HttpHeaders headers) {
        var result = service.put(id, input, Preconditions.of(headers));
        var view = mapper.toView(result.entity());
        return result.created() ? Responses.created(uri, id, view, view.version()) : Responses.ok(view, view.version());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deletePlace", summary = "Delete a place",
            description = "Publishes a tombstone. Refused while events are at the place or places are inside it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.NotFound
    @APIResponse(responseCode = "409", description = "Events or places still reference it; the problem names them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.Conditional
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return service.delete(id, Preconditions.of(headers)) ? Response.noContent().build()
                : Problems.notFound("place", id, uri.getPath());
    }
}
