package org.memoria.common.contract.events;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.memoria.common.api.ListFilter;
import org.memoria.common.api.QueryParameters;

/**
 * The filters of the events list, said once for the events service and the gateway that routes to it: a list method
 * takes {@code @BeanParam EventFilter}. Each accessor converts its parameter ({@link QueryParameters}): a bad value is
 * a 400 problem naming it. {@code sort} is the service's to read.
 */
public class EventFilter implements ListFilter {

    public static final String SUMMARY = "List events";
    public static final String DESCRIPTION = "Events matching every given filter, in chronological order (by earliest "
            + "possible day; undated events last) or by title. `from` and `to` keep events whose EDTF date overlaps the "
            + "days [from, to]: an event dated `1937-22` (summer 1937) matches from=1937-07-01&to=1937-07-31; an "
            + "undated event matches no date filter. `placeId` keeps events at that place or at any place inside it.";

    @QueryParam("type")
    @Parameter(description = "Only events of this type (a code of the event-types vocabulary, in any case; an unknown code is a 400 naming the closest terms)", example = "ATTACK", schema = @Schema(type = SchemaType.STRING, maxLength = 30))
    String type;

    @QueryParam("personId")
    @Parameter(description = "Only events this person takes part in, in any role",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String personId;

    @QueryParam("organisationId")
    @Parameter(description = "Only events this organisation takes part in, in any role",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String organisationId;

    @QueryParam("placeId")
    @Parameter(description = "Only events at this place or at a place inside it (at any depth)",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String placeId;

    @QueryParam("parentEventId")
    @Parameter(description = "Only the events directly part of this event",
            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    String parentEventId;

    @QueryParam("from")
    @Parameter(description = "Only events that may have happened on or after this day (overlap)", example = "1940-05-01",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    String from;

    @QueryParam("to")
    @Parameter(description = "Only events that may have happened on or before this day (overlap)", example = "1940-08-31",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    String to;

    @QueryParam("sort")
    @Parameter(description = "`date` (default): chronological, undated last; `title`: alphabetical",
            schema = @Schema(type = SchemaType.STRING, enumeration = { "date", "title" }, defaultValue = "date"))
    String sort;

    public String type(UriInfo uri) {
        return QueryParameters.termCode(uri, "type", type);
    }

    public UUID personId(UriInfo uri) {
        return QueryParameters.uuid(uri, "personId", personId);
    }

    public UUID organisationId(UriInfo uri) {
        return QueryParameters.uuid(uri, "organisationId", organisationId);
    }

    public UUID placeId(UriInfo uri) {
        return QueryParameters.uuid(uri, "placeId", placeId);
    }

    public UUID parentEventId(UriInfo uri) {
        return QueryParameters.uuid(uri, "parentEventId", parentEventId);
    }

    /** An ISO day; null when absent. */
    public LocalDate from(UriInfo uri) {
        return QueryParameters.day(uri, "from", from);
    }

    /** An ISO day; null when absent. */
    public LocalDate to(UriInfo uri) {
        return QueryParameters.day(uri, "to", to);
    }

    /** The order, in lower case: {@code date} when absent; a 400 problem naming {@code sort} when it is not one. */
    public String sort(UriInfo uri) {
        return ListFilter.oneOf(uri, "sort", sort, "date", "title");
    }

    @Override
    public void check(UriInfo uri) {
        type(uri);
        personId(uri);
        organisationId(uri);
        placeId(uri);
        parentEventId(uri);
        from(uri);
        to(uri);
        sort(uri);
    }
}
