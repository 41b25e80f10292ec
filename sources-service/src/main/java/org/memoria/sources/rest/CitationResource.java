package org.memoria.sources.rest;

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
import org.memoria.common.contract.sources.CitationFilter;
import org.memoria.common.contract.sources.CitationInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.sources.CitationView;
import org.memoria.sources.domain.Citation;
import org.memoria.sources.service.CitationService;

@Path("/citations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "citations", description = "Passages of sources: where they are, what they say, what they concern")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter "
        + "(also a sourceId that is no source of this service, or an `about` entry of kind SOURCE, CITATION or CLAIM "
        + "that does not exist here)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CitationResource extends OwnedEntityResource<Citation, CitationInput, CitationView> {

    @Inject
    CitationService service;

    @Override
    protected CitationService service() {
        return service;
    }

    @PermitAll
    @GET
    @Operation(operationId = "listCitations", summary = CitationFilter.SUMMARY, description = CitationFilter.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of citations")
    public Page<CitationView> list(@BeanParam CitationFilter filter, @BeanParam Paging paging) {
        return service.list(new Citation.Criteria(filter.sourceId(uri), filter.aboutKind(uri), filter.aboutId(uri)),
                paging.page(), paging.size());
    }
}
