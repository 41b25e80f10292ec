package org.memoria.common.http;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.common.validation.Text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses requests too large to serve before anything reads them, as problem+json: a request target longer than
 * {@link HttpLimits#maxUriLength()} (414), too many or too large header fields (431), a body whose Content-Length
 * exceeds the route's body limit (413; the connection is closed without reading it). The body limit is
 * {@link HttpLimits#maxBodySize()}, or a larger one where a {@link LargerBodies} bean grants it (an upload).
 * <p>
 * A chunked body (no Content-Length) is held to the same limit while it is read: Quarkus puts the limit on the routing
 * context ({@code quarkus.http.limits.max-body-size}, for every route), this replaces it with the route's own, and
 * RESTEasy Reactive's request stream cuts the body off beyond it with an empty 413 and closes the connection. Nothing
 * buffers more than the limit.
 * <p>
 * Vert.x answers lines and header blocks beyond its own decoder limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) itself, with an empty body, before any route runs; those limits are set well above these
 * so that only absurd requests meet them.
 * <p>
 * A request that fails below JAX-RS (Vert.x refuses it, e.g. an HTTP/1.1 request without Host) is answered as a
 * problem too, rather than by Quarkus's default error page.
 */
@Singleton
public class RequestLimits {

    private static final Logger LOG = Logger.getLogger(RequestLimits.class);

    /**
     * How far beyond a {@link LargerBodies} limit Quarkus cuts a chunked body off: the resource reads ahead of what it
     * has counted by a buffer or two, and refuses the body itself, with a problem, before this.
     */
    public static final long BACKSTOP = 1024 * 1024;
    /** The largest body collected before the resource runs ({@link #readAhead}). */
    static final long READ_AHEAD = 64 * 1024;
    /** Where Quarkus and RESTEasy Reactive look for a chunked body's limit (VertxHttpRecorder.MAX_REQUEST_SIZE_KEY). */
    static final String MAX_REQUEST_SIZE_KEY = "io.quarkus.max-request-size";
    /** Where the first handler leaves the route's limit for a chunked body for the second. */
    private static final String BODY_LIMIT = RequestLimits.class.getName() + ".body-limit";

    @Inject
    Instance<LargerBodies> largerBodies;

    void install(@Observes Router router, HttpLimits limits, ObjectMapper json) {
        long maxBody = limits.maxBodySize().asLongValue();
        long maxHeaderBytes = limits.maxHeaderSize().asLongValue();
        // before Quarkus's own Content-Length check, which answers 413 with an empty body
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(rc -> {
            int uriLength = rc.request().uri().length();
            if (uriLength > limits.maxUriLength()) {
                refuse(rc, json, 414, "URI Too Long", "The request target has " + uriLength
                        + " characters; at most " + limits.maxUriLength() + " are served", false);
                return;
            }
            MultiMap headers = rc.request().headers();
            int fields = 0;
            long headerBytes = 0;
            for (Map.Entry<String, String> h : headers) {
                fields++;
                headerBytes += h.getKey().length() + h.getValue().length() + 4; // name: value CRLF
            }
            if (fields > limits.maxHeaders() || headerBytes > maxHeaderBytes) {
                refuse(rc, json, 431, "Request Header Fields Too Large", "The request has " + fields
                        + " header fields of " + headerBytes + " bytes; at most " + limits.maxHeaders()
                        + " fields of " + maxHeaderBytes + " bytes in all are accepted", false);
                return;
            }
            OptionalLong larger = larger(rc.request());
            long limit = larger.orElse(maxBody);
            String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
            if (length != null && isLongerThan(length, limit)) {
                refuse(rc, json, 413, "Content Too Large", "The request body has " + length.strip()
                        + " bytes; at most " + limit + " (" + size(limit) + ") are accepted here",
                        true);
                return;
            }
            rc.put(BODY_LIMIT, larger.isPresent() ? limit + BACKSTOP : limit);
            rc.next();
        });
        // after Quarkus's own check, which puts its one limit for every route on the context of a chunked body
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(rc -> {
            Long limit = rc.get(BODY_LIMIT);
            String length = rc.request().headers().get(HttpHeaderNames.CONTENT_LENGTH);
            if (limit != null && length == null) {
                rc.put(MAX_REQUEST_SIZE_KEY, limit);
            }
            if (readAhead(rc.request(), length)) {
                // collected on the event loop, so the resource's worker reads it from memory (see readAhead)
                rc.request().body().onComplete(body -> {
                    if (body.succeeded()) {
                        rc.setBody(body.result());
                        rc.next();
                    } else {
                        rc.fail(body.cause());
                    }
                });
                rc.request().resume(); // Quarkus holds a request paused until something sets its data handler
                return;
            }
            rc.next();
        });
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).failureHandler(rc -> {
            if (rc.response().ended() && rc.response().getStatusCode() == 413) {
                // a chunked body cut off at its limit: answered already, the mapper's second answer has nowhere to go
                LOG.debugf("A body beyond the limit of %s was cut off", path(rc));
                return;
            }
            if (rc.response().ended() || rc.response().headWritten()) {
                rc.next();
                return;
            }
            int status = rc.statusCode() >= 400 ? rc.statusCode() : 500;
            if (status >= 500 && org.memoria.common.problem.ProblemMappers.clientGone(rc.failure())) {
                LOG.debugf("The client of %s went away", path(rc));
                rc.response().setStatusCode(400).end(); // to a closed connection: only frees the request
            } else if (status >= 500) {
                LOG.errorf(rc.failure(), "Unexpected failure on %s", path(rc));
                refuse(rc, json, status, "Internal error", "The request could not be completed; nothing was changed",
                        false);
            } else {
                String reason = rc.failure() == null ? null : rc.failure().getMessage();
                refuse(rc, json, status, "Invalid request", Text.excerpt(reason == null ? "HTTP " + status : reason, 200),
                        false);
            }
        });
    }

    /**
     * Whether to collect a body before the resource runs: a small JSON body of a declared length, within the limit
     * checked above, over HTTP/1.x, without {@code Expect: 100-continue} (its client waits for a word before it
     * sends). RESTEasy Reactive reads the body of a blocking resource method on its worker thread, through a stream
     * that hands each buffer over from the event loop under the connection's monitor; the write benchmark's profiles
     * had that hand-over at 11 % of an owner's samples and 19 % of the gateway's. A body already collected is read
     * from memory instead. Every other body (chunked, an upload, a form, any over HTTP/2) is streamed as before.
     */
    static boolean readAhead(HttpServerRequest request, String length) {
        if (length == null || request.headers().contains(HttpHeaderNames.EXPECT)
                || request.version() == HttpVersion.HTTP_2 // an ended HTTP/2 stream refuses RESTEasy Reactive's pause
                || isLongerThan(length, READ_AHEAD)) {
            return false;
        }
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.startsWith("application/") && media.endsWith("+json");
    }

    private OptionalLong larger(HttpServerRequest request) {
        OptionalLong most = OptionalLong.empty();
        for (LargerBodies route : largerBodies) {
            OptionalLong limit = route.maxBodySize(request);
            if (limit.isPresent() && (most.isEmpty() || limit.getAsLong() > most.getAsLong())) {
                most = limit;
            }
        }
        return most;
    }

    /** A number of bytes as a person reads it: "1 MiB", "1 GiB", "1536 KiB", "1000 bytes". */
    public static String size(long bytes) {
        for (int shift = 30; shift >= 10; shift -= 10) {
            if (bytes >= 1L << shift && bytes % (1L << shift) == 0) {
                return (bytes >> shift) + " " + (shift == 30 ? "GiB" : shift == 20 ? "MiB" : "KiB");
            }
        }
        return bytes + " bytes";
    }

    private static boolean isLongerThan(String contentLength, long max) {
        try {
            return Long.parseLong(contentLength.strip()) > max;
        } catch (NumberFormatException e) {
            return false; // the HTTP decoder refuses a malformed Content-Length before this
        }
    }

    private static void refuse(RoutingContext rc, ObjectMapper json, int status, String title, String detail,
            boolean close) {
        Problem problem = new Problem(Problem.TYPE_BASE + Problems.slug(status), title, status, detail,
                path(rc), null);
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var response = rc.response().setStatusCode(status).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            // the body is not read: the connection cannot carry another request
            response.putHeader(HttpHeaderNames.CONNECTION, "close");
            response.endHandler(v -> rc.request().connection().close());
        }
        response.end(Buffer.buffer(body));
    }

    /** The path, short: an over-long request target is not echoed whole. */
    private static String path(RoutingContext rc) {
        String path = rc.request().path();
        return path == null ? null : Text.excerpt(path, 200);
    }
}
