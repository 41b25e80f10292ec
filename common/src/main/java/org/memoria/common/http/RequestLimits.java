package org.memoria.common.http;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.common.validation.Text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses requests too large to serve before anything reads them, as problem+json: a request target longer than
 * {@link HttpLimits#maxUriLength()} (414), too many or too large header fields (431), a body whose Content-Length
 * exceeds {@code quarkus.http.limits.max-body-size} (413; the connection is closed without reading it).
 * <p>
 * Vert.x answers lines and header blocks beyond its own decoder limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) itself, with an empty body, before any route runs; those limits are set well above these
 * so that only absurd requests meet them. A chunked body (no Content-Length) beyond the limit is cut off by Quarkus
 * with an empty 413.
 * <p>
 * A request that fails below JAX-RS (Vert.x refuses it, e.g. an HTTP/1.1 request without Host) is answered as a
 * problem too, rather than by Quarkus's default error page.
 */
@Singleton
public class RequestLimits {

    private static final Logger LOG = Logger.getLogger(RequestLimits.class);

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router, HttpLimits limits, ObjectMapper json) {
        long maxBody = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
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
            String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
            if (length != null && isLongerThan(length, maxBody)) {
                refuse(rc, json, 413, "Content Too Large", "The request body has " + length.strip()
                        + " bytes; at most " + maxBody + " are accepted", true);
                return;
            }
            rc.next();
        });
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).failureHandler(rc -> {
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
