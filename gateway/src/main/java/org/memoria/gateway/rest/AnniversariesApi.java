package org.memoria.gateway.rest;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
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
import org.memoria.common.api.QueryParameters;
import org.memoria.common.problem.Problems;
import org.memoria.gateway.api.ArchiveViews.Anniversary;
import org.memoria.gateway.service.Anniversaries;
import org.memoria.gateway.service.ChangeFeed;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.validate.ValidationException;

@PermitAll
@Path("/api")
@Tag(name = "anniversaries", description = "On this day, and what is coming")
public class AnniversariesApi {

    @Inject
    Anniversaries anniversaries;
    @Context
    UriInfo uri;

    @GET
    @Path("anniversaries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "anniversaries", summary = "Anniversaries on a day or in a range",
            description = "Events, publications, births, deaths and foundings whose anniversary falls on `on`, or between "
                    + "`from` and `to` (at most 366 days; default: today). \"85 years since the May 24, 1940 attack\". "
                    + "A date whose day is not known is listed with a caveat, never placed on a guessed day.")
    @APIResponse(responseCode = "200", description = "The anniversaries, in day order",
            content = @Content(schema = @Schema(implementation = Anniversary.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<Anniversary> list(
            @Parameter(description = "One day (ISO 8601)", example = "2025-05-24",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("on") String on,
            @Parameter(description = "First day of a range", example = "2025-05-01",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "Last day of a range", example = "2025-05-31",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to) {
        LocalDate[] range = range(on, from, to, LocalDate.now(), LocalDate.now());
        return anniversaries.between(range[0], range[1]);
    }

    @GET
    @Path("anniversaries.ics")
    @Produces("text/calendar")
    @Operation(operationId = "anniversariesCalendar", summary = "Anniversaries as an iCalendar feed",
            description = "The anniversaries between `from` and `to` (default: the next 365 days) as all-day events, for a "
                    + "calendar application to subscribe to. Anniversaries whose day is not known are left out.")
    @APIResponse(responseCode = "200", description = "An iCalendar (RFC 5545) document")
    public Response calendar(
            @Parameter(description = "First day (default: today)", example = "2025-05-01",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "Last day (default: the last of the next 365 days)", example = "2026-04-30",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to) {
        LocalDate today = LocalDate.now();
        LocalDate[] range = range(null, from, to, today, today.plusDays(Anniversaries.MAX_DAYS - 2));
        Calendar calendar = new Calendar().withProdId("-//Memoria//Anniversaries//EN").withDefaults().getFluentTarget();
        for (Anniversary a : anniversaries.between(range[0], range[1])) {
            if (a.on() == null) {
                continue;
            }
            VEvent event = new VEvent(a.on(), a.text());
            event.add(new Uid(a.id() + "-" + a.on().getYear() + "@memoria"));
            event.add(new Description(a.text() + (a.round() ? " (round anniversary)" : "")
                    + (a.caveat() == null ? "" : "; " + a.caveat())));
            event.add(new Url(ChangeFeed.entityUrl(uri.getBaseUri(), a.kind(), a.id())));
            calendar.add(event);
        }
        // the outputter checks the calendar as it writes it; it would fold at 75 characters, but RFC 5545 (3.1) says
        // 75 octets, which a title with accents or quotation marks passes in fewer characters: fold here instead
        StringWriter text = new StringWriter();
        try {
            new CalendarOutputter(true, UNFOLDED).output(calendar, text);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("the anniversaries calendar does not conform to RFC 5545", e);
        }
        return Response.ok(fold(text.toString()), "text/calendar; charset=utf-8").build();
    }

    /** A fold length no content line reaches, so that {@link #fold} alone folds. */
    private static final int UNFOLDED = 1 << 20;
    /** RFC 5545, 3.1: content lines are at most 75 octets, CRLF excluded. */
    private static final int LINE_OCTETS = 75;

    /**
     * Folds every content line longer than 75 octets of UTF-8 (RFC 5545, 3.1): CRLF and a space before each
     * continuation, never inside a character. Lines already folded are unfolded first, so each is folded once, at
     * octets.
     */
    static String fold(String calendar) {
        StringBuilder out = new StringBuilder(calendar.length() + 64);
        // unfolded first: a line the outputter folded at 75 characters is one content line, folded again here
        for (String line : calendar.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int octets = 0;
            for (int i = 0; i < line.length();) {
                int cp = line.codePointAt(i);
                int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (octets + size > LINE_OCTETS) {
                    out.append("\r\n ");
                    octets = 1; // the space that marks the continuation
                }
                out.appendCodePoint(cp);
                octets += size;
                i += Character.charCount(cp);
            }
            out.append("\r\n");
        }
        return out.toString();
    }


    private LocalDate[] range(String on, String from, String to, LocalDate defaultFrom, LocalDate defaultTo) {
        if (on != null && !on.isBlank()) {
            if (from != null || to != null) {
                throw new BadRequestException(Problems.badRequest(uri, "on", "give either 'on' or 'from'/'to', not both"));
            }
            LocalDate day = QueryParameters.day(uri, "on", on);
            return new LocalDate[] { day, day };
        }
        LocalDate f = from == null || from.isBlank() ? defaultFrom : QueryParameters.day(uri, "from", from);
        LocalDate t = to == null || to.isBlank() ? (from == null ? defaultTo : f) : QueryParameters.day(uri, "to", to);
        if (t.isBefore(f)) {
            throw new BadRequestException(Problems.badRequest(uri, "to", "must not be before 'from'"));
        }
        if (ChronoUnit.DAYS.between(f, t) >= Anniversaries.MAX_DAYS) {
            throw new BadRequestException(Problems.badRequest(uri, "to",
                    "a range covers at most " + Anniversaries.MAX_DAYS + " days"));
        }
        return new LocalDate[] { f, t };
    }
}
