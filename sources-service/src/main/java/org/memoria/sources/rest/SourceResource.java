package org.memoria.sources.rest;

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
import org.memoria.common.contract.SubResources.SourceCitations;
import org.memoria.common.contract.sources.SourceFilter;
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.sources.CitationView;
import org.memoria.common.contract.sources.SourceView;
import org.memoria.sources.domain.Source;
import org.memoria.sources.service.SourceService;
import org.memoria.common.validation.Text;

@Path("/sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "sources", description = "Sources of the archive, their authors, and the passages cited from them")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SourceResource extends OwnedEntityResource<Source, SourceInput, SourceView> {

    @Inject
    SourceService service;

    @Override
    protected SourceService service() {
        return service;
    }

    @PermitAll
    @GET
    @Operation(operationId = "listSources", summary = SourceFilter.SUMMARY, description = SourceFilter.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of sources")
    public Page<SourceView> list(@BeanParam SourceFilter filter, @BeanParam Paging paging) {
        LocalDate fromDay = filter.from(uri);
        LocalDate toDay = filter.to(uri);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            throw QueryParameters.invalid(uri, "to", Text.quoted(filter.rawTo()) + " ends before 'from' ("
                    + Text.quoted(filter.rawFrom()) + ") begins");
        }
        Source.Order order = Source.Order.valueOf(filter.sort(uri).toUpperCase(Locale.ROOT));
        Source.Criteria criteria = new Source.Criteria(vocabularies.filterCode(uri, "type", org.memoria.common.contract.sources.SourceType.VOCABULARY, filter.type(uri)), filter.authorId(uri),
                filter.organisationAuthorId(uri), filter.language(uri), fromDay, toDay,
                filter.q(uri));
        return service.list(criteria, order, paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}/" + SourceCitations.PATH)
    @Operation(operationId = SourceCitations.ID, summary = SourceCitations.SUMMARY,
            description = SourceCitations.DESCRIPTION)
    @APIResponse(responseCode = "200", description = SourceCitations.ANSWER)
    @ProblemResponses.NotFound
    public Page<CitationView> citations(@PathParam("id") UUID id, @BeanParam Paging paging) {
        return service.citations(id, paging.page(), paging.size()).orElseThrow(() -> notFound(id));
    }
}
