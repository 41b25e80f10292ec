package org.memoria.sources.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.memoria.common.security.Roles;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.problem.Problem;
import org.memoria.common.rest.OwnedEntityResource;
import org.memoria.common.contract.sources.CitationView;
import org.memoria.common.contract.sources.SourceView;
import org.memoria.sources.domain.Source;
import org.memoria.sources.service.SourceService;
import org.memoria.common.validation.Text;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
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
    @Operation(operationId = "listSources", summary = "List sources",
            description = "Sources by title (or by date with `sort=date`). Every filter given must hold: `type`; "
                    + "`authorId` (a person who wrote or co-wrote it); `organisationAuthorId`; `language`; `from` / "
                    + "`to` (EDTF dates: keeps sources whose date's bounds overlap [earliest day of `from`, latest day "
                    + "of `to`]; undated sources are left out); `q` (part of the title, case-insensitive). Pages count "
                    + "from 0 and hold at most " + Page.MAX_SIZE + " sources.")
    @APIResponse(responseCode = "200", description = "A page of sources")
    public Page<SourceView> list(
            @Parameter(description = "Only sources of this type", example = "ARTICLE",
                    schema = @Schema(implementation = SourceType.class)) @QueryParam("type") String type,
            @Parameter(description = "Only sources this person is an author of",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("authorId")
            String authorId,
            @Parameter(description = "Only sources this organisation is an author of",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("organisationAuthorId")
            String organisationAuthorId,
            @Parameter(description = "Only sources in this language (ISO 639 code)", example = "en")
            @QueryParam("language") String language,
            @Parameter(description = "Only sources dated (at least partly) on or after this EDTF date", example = "1940")
            @QueryParam("from") String from,
            @Parameter(description = "Only sources dated (at least partly) on or before this EDTF date", example = "1940-08")
            @QueryParam("to") String to,
            @Parameter(description = "Part of the title, case-insensitive", example = "stalin") @QueryParam("q") String q,
            @Parameter(description = "Order: `title` (default), or `date` (earliest first, undated last)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "title", "date" }))
            @QueryParam("sort") @DefaultValue("title") String sort,
            @BeanParam Paging paging) {
        LocalDate fromDay = QueryParameters.earliest(uri, "from", from);
        LocalDate toDay = QueryParameters.latest(uri, "to", to);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            throw QueryParameters.invalid(uri, "to", Text.quoted(to) + " ends before 'from' (" + Text.quoted(from) + ") begins");
        }
        Source.Order order = switch (sort) {
            case "title" -> Source.Order.TITLE;
            case "date" -> Source.Order.DATE;
            default -> throw QueryParameters.invalid(uri, "sort", Text.quoted(sort) + " is not one of title, date");
        };
        Source.Criteria criteria = new Source.Criteria(QueryParameters.enumValue(uri, "type", type, SourceType.class),
                QueryParameters.uuid(uri, "authorId", authorId),
                QueryParameters.uuid(uri, "organisationAuthorId", organisationAuthorId),
                Filters.language(uri, "language", language), fromDay, toDay, QueryParameters.text(uri, "q", q));
        return service.list(criteria, order, paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}/citations")
    @Operation(operationId = "listSourceCitations", summary = "The passages cited from a source",
            description = "The citations whose source this is, in the order they were recorded.")
    @APIResponse(responseCode = "200", description = "A page of citations")
    @ProblemResponses.NotFound
    public Page<CitationView> citations(@PathParam("id") UUID id, @BeanParam Paging paging) {
        return service.citations(id, paging.page(), paging.size()).orElseThrow(() -> notFound(id));
    }
}
