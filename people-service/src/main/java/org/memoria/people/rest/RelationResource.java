package org.memoria.people.rest;

import jakarta.annotation.security.PermitAll;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.contract.people.RelationFilter;
import org.memoria.common.contract.people.RelationInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.people.RelationView;
import org.memoria.people.domain.Relation;
import org.memoria.people.service.RelationService;

@Path("/relations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "relations", description = "Person-to-person relations: \"Sylvia Ageloff is LIAISON of Ramón Mercader\"")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter, "
        + "including a fromPersonId or toPersonId that names no person of this service, or the same person twice",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RelationResource extends OwnedEntityResource<Relation, RelationInput, RelationView> {

    @Inject
    RelationService service;

    @Override
    protected RelationService service() {
        return service;
    }

    @PermitAll
    @GET
    @Operation(operationId = "listRelations", summary = RelationFilter.SUMMARY, description = RelationFilter.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of relations")
    public Page<RelationView> list(@BeanParam RelationFilter filter, @BeanParam Paging paging) {
        return service.list(filter.personId(uri), vocabularies.filterCode(uri, "type", org.memoria.common.contract.people.RelationType.VOCABULARY, filter.type(uri)), paging.page(), paging.size());
    }
}
