package org.memoria.gateway.rest;

import jakarta.annotation.security.PermitAll;
import java.time.LocalDate;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.memoria.common.api.Page;
import org.memoria.common.api.Paging;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.problem.Problems;
import org.memoria.gateway.api.ArchiveViews.TimelineEntry;
import org.memoria.gateway.service.TimelinePages;
import org.memoria.gateway.service.TimelineQuery;
import org.memoria.gateway.service.ViewDocuments;

@PermitAll
@Path("/api/timeline")
@Tag(name = "timeline", description = "Events in date order")
public class TimelineApi {

    @Inject
    TimelinePages timeline;
    @Inject
    org.memoria.gateway.service.TermQuery terms;
    @Context
    UriInfo uri;
    @Context
    Request request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "timeline", summary = "Events in date order",
            description = "Ordered by the earliest possible day of each event's EDTF date, then the latest, then title; "
                    + "undated events come last. `from`/`to` select the events whose possible days overlap the range "
                    + "(an event dated \"summer 1937\" is inside from=1937-07-01&to=1937-07-31); such an event is "
                    + "marked `uncertain`. `placeId` includes the places inside it.")
    @APIResponse(responseCode = "200", description = "A page of the timeline",
            headers = @Header(name = "ETag", description = "Strong: a digest of the page, which changes when anything "
                    + "the page shows changes; send it in If-None-Match to be answered 304 while it holds",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Not Modified: If-None-Match names the page's current ETag")
    public RestResponse<Page<TimelineEntry>> timeline(
            @Parameter(description = "Only events that may have happened on or after this day (overlap)",
                    example = "1940-05-01", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "Only events that may have happened on or before this day (overlap)",
                    example = "1940-08-31", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to,
            @Parameter(description = "Only events this person takes part in, in any role",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("personId") String person,
            @Parameter(description = "Only events this organisation takes part in, in any role",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("organisationId")
            String organisation,
            @Parameter(description = "Only events at this place or at a place inside it (at any depth)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("placeId") String place,
            @Parameter(description = "Only events of this type: a code of the event-types vocabulary, in any case; one the "
                    + "archive has no term for is a 400 naming the closest", example = "ATTACK",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, maxLength = 30)) @QueryParam("type") String type,
            @BeanParam Paging paging,
            @Parameter(description = "The ETag of a page read before: answered 304 Not Modified while the page is "
                    + "unchanged") @HeaderParam("If-None-Match") String ifNoneMatch) {
        LocalDate fromDay = QueryParameters.day(uri, "from", from);
        LocalDate toDay = QueryParameters.day(uri, "to", to);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            throw new BadRequestException(Problems.badRequest(uri, "from", "must not be after 'to'"));
        }
        ViewDocuments.Document page = timeline.page(new TimelineQuery.Filter(fromDay, toDay,
                QueryParameters.uuid(uri, "personId", person),
                QueryParameters.uuid(uri, "organisationId", organisation), QueryParameters.uuid(uri, "placeId", place), eventType(type)),
                paging.page(), paging.size());
        EntityTag tag = new EntityTag(page.etag());
        // If-None-Match (declared above for generated clients) naming this ETag: 304; an If-Match naming another: 412
        jakarta.ws.rs.core.Response.ResponseBuilder precondition = request.evaluatePreconditions(tag);
        if (precondition != null) {
            return RestResponse.ResponseBuilder.<Page<TimelineEntry>> create(precondition.build().getStatus()).tag(tag)
                    .build();
        }
        return pageAsComposed(page, tag);
    }

    /** The page's JSON as composed and remembered: a Document writes itself as the raw JSON it holds. */
    @SuppressWarnings("unchecked")
    private static RestResponse<Page<TimelineEntry>> pageAsComposed(ViewDocuments.Document page, EntityTag tag) {
        return (RestResponse<Page<TimelineEntry>>) (RestResponse<?>) RestResponse.ResponseBuilder
                .ok(page, MediaType.APPLICATION_JSON_TYPE).tag(tag).build();
    }

    /** The event-type filter: a code (any case) of the event types the read model has seen, else a 400 with the closest. */
    private String eventType(String type) {
        String code = QueryParameters.termCode(uri, "type", type);
        String problem = terms.unknown(org.memoria.common.contract.vocabulary.ManagedVocabulary.EVENT_TYPES, code);
        if (problem != null) {
            throw QueryParameters.invalid(uri, "type", problem);
        }
        return code;
    }
}
