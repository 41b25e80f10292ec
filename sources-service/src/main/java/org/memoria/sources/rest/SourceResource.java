package org.memoria.sources.rest;

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
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.IdempotencyKey;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.ProblemResponses;
import org.memoria.common.api.Preconditions;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.api.Responses;
import org.memoria.common.contract.sources.SourceInput;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.sources.domain.Source;
import org.memoria.sources.mapping.SourceMapper;
import org.memoria.sources.service.SourceService;
import org.memoria.common.validation.Text;

@RolesAllowed({ Roles.ARCHIVIST, Roles.PARTNER, Roles.ADMIN })
@Path("/sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "sources", description = "Sources of the archive, their authors, and the passages cited from them")
@APIResponse(responseCode = "400", description = "Invalid request: the problem names each rejected field or parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SourceResource {

    static final String EXAMPLE = """
            {"type": "ARTICLE", "title": "Stalin Seeks My Death", "authorIds": ["9c4b1f4e-4f5e-4c1e-9d0a-6f0c1d2e3f40"],
             "date": "1940-06-08", "periodical": "Fourth International", "language": "en",
             "identifiers": {"url": "https://www.marxists.org/archive/trotsky/1940/06/stalin.htm"}}""";

    @Inject
    SourceService service;
    @Inject
    SourceMapper mapper;
    @Context
    UriInfo uri;

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
            throw Filters.invalid(uri, "to", Text.quoted(to) + " ends before 'from' (" + Text.quoted(from) + ") begins");
        }
        Source.Order order = switch (sort) {
            case "title" -> Source.Order.TITLE;
            case "date" -> Source.Order.DATE;
            default -> throw Filters.invalid(uri, "sort", Text.quoted(sort) + " is not one of title, date");
        };
        Source.Criteria criteria = new Source.Criteria(QueryParameters.enumValue(uri, "type", type, SourceType.class),
                QueryParameters.uuid(uri, "authorId", authorId),
                QueryParameters.uuid(uri, "organisationAuthorId", organisationAuthorId),
                Filters.language(uri, "language", language), fromDay, toDay, QueryParameters.text(uri, "q", q));
        return service.list(criteria, order, paging.page(), paging.size());
    }

    @PermitAll
    @GET
    @Path("{id}")
    @Operation(operationId = "getSource", summary = "Get a source")
    @APIResponse(responseCode = "200", description = "The source; the ETag is its version",
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    @ProblemResponses.NotFound
    public Response get(@PathParam("id") UUID id) {
        return service.find(id).map(s -> Responses.ok(s, s.version()))
                .orElseGet(() -> Problems.notFound("source", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{id}/citations")
    @Operation(operationId = "listSourceCitations", summary = "The passages cited from a source",
            description = "The citations whose source this is, in the order they were recorded.")
    @APIResponse(responseCode = "200", description = "A page of citations")
    @ProblemResponses.NotFound
    public Response citations(@PathParam("id") UUID id,
            @BeanParam Paging paging) {
        return service.citations(id, paging.page(), paging.size()).map(p -> Response.ok(p).build())
                .orElseGet(() -> Problems.notFound("source", id, uri.getPath()));
    }

    @PermitAll
    @GET
    @Path("{id}/revisions")
    @Operation(operationId = "getSourceRevisions", summary = "A source's revision history",
            description = "Every change, oldest first: when, by whom (the subject of the token that wrote it), which fields, "
                    + "and the state it left.")
    @APIResponse(responseCode = "200", description = "The revisions")
    @ProblemResponses.NotFound
    public Response revisions(@PathParam("id") UUID id) {
        var history = service.revisions(id);
        return history.isEmpty() ? Problems.notFound("source", id, uri.getPath()) : Response.ok(history).build();
    }

    @POST
    @Operation(operationId = "createSource", summary = "Record a source")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Stalin Seeks My Death", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location names the new source",
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    @ProblemResponses.IdempotentCreate
    public Response create(@Valid @NotNull SourceInput input, @Context HttpHeaders headers) {
        var source = service.create(input, IdempotencyKey.of(headers)).entity();
        return Responses.created(uri, source.id, mapper.toView(source), source.version);
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "putSource", summary = "Replace a source, or record it under this id",
            description = "Idempotent: a replace that changes nothing keeps the version and publishes nothing. When the "
                    + "date changes, every claim whose evidence cites the source is re-derived and, if it changed, "
                    + "published again, in the same transaction.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Stalin Seeks My Death", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced (or unchanged)",
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    @ProblemResponses.Conditional
    @APIResponse(responseCode = "201", description = "Created under this id",
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    public Response put(@PathParam("id") UUID id, @Valid @NotNull SourceInput input, @Context HttpHeaders headers) {
        var result = service.put(id, input, Preconditions.of(headers));
        var view = mapper.toView(result.entity());
        return result.created() ? Responses.created(uri, id, view, view.version()) : Responses.ok(view, view.version());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteSource", summary = "Delete a source",
            description = "Publishes a tombstone. A source that is cited (or named by a citation or claim) cannot be "
                    + "deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The source is cited, or named by a citation or a claim; the "
            + "problem names them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Deleting requires If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.NotFound
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return service.delete(id, Preconditions.of(headers)) ? Response.noContent().build()
                : Problems.notFound("source", id, uri.getPath());
    }
}
