package org.memoria.events.rest;

import jakarta.annotation.security.PermitAll;
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
import org.memoria.common.contract.SubResources.PlaceChildren;
import org.memoria.common.contract.events.PlaceFilter;
import org.memoria.common.contract.events.PlaceInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.events.domain.Place;
import org.memoria.common.contract.events.PlaceView;
import org.memoria.events.service.PlaceService;

@Path("/places")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "places", description = "Where events happened: countries, cities, districts, buildings, rivers")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PlaceResource extends OwnedEntityResource<Place, PlaceInput, PlaceView> {

    @Inject
    PlaceService service;

    @Override
    protected PlaceService service() {
        return service;
    }

    @PermitAll
    @GET
    @Operation(operationId = "listPlaces", summary = PlaceFilter.SUMMARY, description = PlaceFilter.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of places")
    public Page<PlaceView> list(@BeanParam PlaceFilter filter, @BeanParam Paging paging) {
        return service.list(filter.name(uri), vocabularies.filterCode(uri, "type", org.memoria.common.contract.events.PlaceType.VOCABULARY, filter.type(uri)), filter.parentPlaceId(uri), paging.page(),
                paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}/" + PlaceChildren.PATH)
    @Operation(operationId = PlaceChildren.ID, summary = PlaceChildren.SUMMARY, description = PlaceChildren.DESCRIPTION)
    @APIResponse(responseCode = "200", description = PlaceChildren.ANSWER)
    @ProblemResponses.NotFound
    public Page<PlaceView> children(@PathParam("id") UUID id, @BeanParam Paging paging) {
        return service.children(id, paging.page(), paging.size()).orElseThrow(() -> notFound(id));
    }
}
