package org.memoria.gateway.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;

/**
 * Routes a write received by the gateway to the service that owns the entity, and relays the owner's answer
 * (status, body, ETag, problem details) unchanged but for the Location, which is rewritten to the gateway's URL.
 * The caller's bearer token goes along: the owner verifies it again, checks the partner scope and names the
 * revision after its subject.
 */
@ApplicationScoped
public class OwnerRouter {

    private static final Logger LOG = Logger.getLogger(OwnerRouter.class);
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
            HttpHeaders.IF_NONE_MATCH, HttpHeaders.ACCEPT, HttpHeaders.AUTHORIZATION);
    private static final List<String> RELAYED_RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
            HttpHeaders.WWW_AUTHENTICATE, "Retry-After");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param owner     base URL of the owning service
     * @param ownerPath path on the owner, e.g. {@code /people/{id}}
     */
    public Response forward(String ownerName, URI owner, String method, String ownerPath, HttpHeaders headers,
            byte[] body, UriInfo uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(owner.resolve(ownerPath)).timeout(Duration.ofSeconds(15))
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return unavailable(504, ownerName, "did not answer in time; the write may or may not have been applied",
                    uri);
        } catch (IOException e) {
            LOG.warnf("Cannot reach %s at %s: %s", ownerName, owner, e.toString());
            return unavailable(503, ownerName, "is unreachable; nothing was written", uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(503, ownerName, "is unreachable; nothing was written", uri);
        }
        Response.ResponseBuilder response = Response.status(answer.statusCode());
        if (answer.body().length > 0) {
            response.entity(answer.body());
        }
        for (String name : RELAYED_RESPONSE_HEADERS) {
            answer.headers().firstValue(name).ifPresent(v -> response.header(name, v));
        }
        answer.headers().firstValue(HttpHeaders.LOCATION).ifPresent(location -> response.location(
                uri.getBaseUriBuilder().path("api").path(URI.create(location).getPath()).build()));
        return response.build();
    }

    private static Response unavailable(int status, String owner, String what, UriInfo uri) {
        return Problems.response(new Problem(Problem.TYPE_BASE + "owner-unavailable", "Owning service unavailable",
                status, "The " + owner + " " + what, uri.getPath(), null));
    }
}
