package org.memoria.gateway.rest;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.memoria.common.api.QueryParameters;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.gateway.api.ChangeDiscovery;
import org.memoria.gateway.service.ChangeFeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * /api/changes: the change feed, IIIF Change Discovery 1.0. Open to anyone, like every read of the archive.
 */
@PermitAll
@Path("/api/changes")
@Tag(name = "changes", description = "Every change the archive applied, oldest first, deletions kept for good "
        + "(IIIF Change Discovery 1.0 on ActivityStreams 2.0): follow it from the start or from a point in time, and "
        + "resume from the last page processed")
public class ChangesApi {

    private static final CacheControl IMMUTABLE = CacheControl.valueOf("public, max-age=31536000, immutable");
    private static final CacheControl REVALIDATE = CacheControl.valueOf("no-cache");

    @Inject
    ChangeFeed feed;
    @Inject
    ObjectMapper json;
    @Context
    UriInfo uri;

    @GET
    @Produces({ ChangeDiscovery.MEDIA_TYPE, "application/ld+json", MediaType.APPLICATION_JSON })
    @Operation(operationId = "getChanges", summary = "The change feed",
            description = "How many changes the archive holds, and its first and last pages. A partner starts at "
                    + "`first` and follows `next`; it resumes from the last page it processed.")
    @APIResponse(responseCode = "200", description = "The feed", content = @Content(
            mediaType = ChangeDiscovery.MEDIA_TYPE, schema = @Schema(implementation = ChangeDiscovery.Collection.class)))
    public Response collection() throws SQLException {
        return Response.ok(feed.collection(base())).type(ChangeDiscovery.MEDIA_TYPE).cacheControl(REVALIDATE).build();
    }

    @GET
    @Path("pages/{n}")
    @Produces({ ChangeDiscovery.MEDIA_TYPE, "application/ld+json", MediaType.APPLICATION_JSON,
            Problem.MEDIA_TYPE })
    @Operation(operationId = "getChangePage", summary = "A page of the change feed",
            description = "Up to " + ChangeFeed.SIZE + " activities, oldest first. A page with a `next` page is "
                    + "complete: it never changes again and is served as immutable (cache it for good). The last "
                    + "page still grows: revalidate it with If-None-Match.")
    @APIResponse(responseCode = "200", description = "The page; its ETag is a digest of its content",
            headers = { @Header(name = "ETag", description = "Strong; changes only while the page is the last",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "`public, max-age=31536000, immutable` on a complete "
                            + "page, `no-cache` on the last", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = ChangeDiscovery.MEDIA_TYPE,
                    schema = @Schema(implementation = ChangeDiscovery.Page.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such page (past the last one)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response page(@Parameter(description = "The page number, from 0", example = "0") @PathParam("n") String n,
            @Context Request request) throws SQLException {
        long number;
        try {
            number = Long.parseLong(n);
        } catch (NumberFormatException e) {
            number = -1;
        }
        Optional<ChangeFeed.PageAnswer> answer = number < 0 ? Optional.empty() : feed.page(base(), number);
        if (answer.isEmpty()) {
            return Problems.notFound("change page", n, uri.getPath());
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(answer.get().page());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        EntityTag tag = new EntityTag(digest(body));
        CacheControl caching = answer.get().complete() ? IMMUTABLE : REVALIDATE;
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(caching).tag(tag).build();
        }
        return Response.ok(body, ChangeDiscovery.MEDIA_TYPE).tag(tag).cacheControl(caching).build();
    }

    @GET
    @Path("pages")
    @Produces(Problem.MEDIA_TYPE)
    @Operation(operationId = "findChangePage", summary = "Where to start following the feed from a point in time",
            description = "Redirects to the page holding the first change the archive applied at or after `since` "
                    + "(an activity's `endTime`), or to the last page if there is none yet.")
    @APIResponse(responseCode = "303", description = "See the page named by Location", headers = @Header(
            name = "Location", description = "The page's URL", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "400", description = "`since` is missing or not an RFC 3339 date-time",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response since(@Parameter(description = "An RFC 3339 date-time with its offset", required = true,
            example = "2026-12-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("since") String since) throws SQLException {
        if (since == null || since.isBlank()) {
            throw QueryParameters.invalid(uri, "since", "is required: an RFC 3339 date-time, e.g. 2026-12-01T00:00:00Z");
        }
        OffsetDateTime from;
        try {
            from = OffsetDateTime.parse(since.strip());
        } catch (DateTimeParseException e) {
            throw QueryParameters.invalid(uri, "since", "is not an RFC 3339 date-time with an offset, e.g. "
                    + "2026-12-01T00:00:00Z");
        }
        long page = feed.pageSince(from).orElse(feed.lastPage());
        return Response.seeOther(ChangeFeed.pageUrl(base(), page)).build();
    }

    private URI base() {
        return uri.getBaseUri();
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
