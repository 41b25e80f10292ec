package org.memoria.gateway.service;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.memoria.common.api.IdempotencyKey;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.problem.Problem;
import org.memoria.common.problem.Problems;
import org.memoria.common.problem.RepeatedFailures;
import org.memoria.gateway.events.EntityClaims;
import org.memoria.gateway.config.GatewayConfig;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Routes a write (or a read of the owner's truth: lists, revisions, sub-resources) received by the gateway to the
 * service that owns the entity, and relays the owner's answer
 * (status, body, ETag, problem details) unchanged but for the Location, which is rewritten to the gateway's URL.
 * The caller's bearer token goes along: the owner verifies it again, checks the partner scope and names the
 * revision after its subject.
 *
 * <p>An owner may run as several replicas. On Kubernetes its one Service URL balances them; locally (or wherever the
 * gateway is given several URLs for one owner) the router takes them in turn, and when it cannot connect to one (the
 * request never left, so nothing was written) it tries the next, answering 503 only when none can be reached. Once a
 * request was sent, its outcome is relayed as it is and never sent again: a second owner must not apply it twice.
 * A read ({@link #read}) is sent again to the next replica on any failure to answer.
 */
@ApplicationScoped
public class OwnerRouter {

    private static final Logger LOG = Logger.getLogger(OwnerRouter.class);
    private static final RepeatedFailures FAILURES = new RepeatedFailures(LOG);
    private static final String OUTCOME_UNKNOWN = "the write may or may not have been applied. Read the entity (or, "
            + "for a create, list by what you sent) before retrying; a PUT to a known id with If-Match or "
            + "If-None-Match: * is safe to retry";
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
            HttpHeaders.IF_NONE_MATCH, HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.AUTHORIZATION,
            IdempotencyKey.HEADER);
    /** What the gateway's own writes send besides: the import they belong to. */
    private static final List<String> OWN_REQUEST_HEADERS = java.util.stream.Stream.concat(
            FORWARDED_REQUEST_HEADERS.stream(), java.util.stream.Stream.of(org.memoria.common.api.Batch.IMPORT_HEADER))
            .toList();
    private static final List<String> RELAYED_RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
            HttpHeaders.WWW_AUTHENTICATE, "Retry-After");

    @Inject
    EntityClaims claims;

    /** Where the next write starts among an owner's replicas: spreads the writes over them in turn. */
    private final AtomicInteger turn = new AtomicInteger();
    private final HttpClient client;
    private final Duration requestTimeout;
    private final OpenTelemetry telemetry;
    private final Tracer tracer;

    /** A router that traces nothing. */
    public OwnerRouter(GatewayConfig config) {
        this(config, OpenTelemetry.noop());
    }

    /** A router whose calls to the owners are client spans, their context sent along ({@code traceparent}). */
    @Inject
    public OwnerRouter(GatewayConfig config, OpenTelemetry telemetry) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.router().connectTimeout()).build();
        this.requestTimeout = config.router().requestTimeout();
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer("org.memoria.gateway.router");
    }

    /**
     * Routes a change to one entity (PUT, DELETE), unless its id names an entity of another kind in the read model:
     * ids are unique across kinds, so that is a 409 problem and nothing is routed, nothing written.
     */
    public Response forward(EntityKind kind, UUID id, String ownerName, List<URI> owner, String method,
            String ownerPath, HttpHeaders headers, byte[] body, UriInfo uri) {
        Optional<Problem> otherKind = idOfAnotherKind(kind, id, uri.getPath());
        if (otherKind.isPresent()) {
            return Problems.response(otherKind.get());
        }
        return forward(ownerName, owner, method, ownerPath, headers, body, uri);
    }

    /**
     * @param replicas  base URLs of the owning service's replicas (one, on Kubernetes: its Service)
     * @param ownerPath path on the owner, e.g. {@code /people/{id}}
     */
    public Response forward(String ownerName, List<URI> replicas, String method, String ownerPath, HttpHeaders headers,
            byte[] body, UriInfo uri) {
        return forward(ownerName, replicas, method, ownerPath, headers::getHeaderString, body, uri);
    }

    /**
     * A write made by the gateway itself (an import's record) rather than relayed for a request: {@link
     * #forward(EntityKind, UUID, String, List, String, String, HttpHeaders, byte[], UriInfo)} with the request headers
     * given by name, and the owner's answer as it came (its Location not rewritten).
     */
    public Response forward(EntityKind kind, UUID id, String ownerName, List<URI> replicas, String method,
            String ownerPath, Map<String, String> headers, byte[] body) {
        Optional<Problem> otherKind = idOfAnotherKind(kind, id, ownerPath);
        if (otherKind.isPresent()) {
            return Problems.response(otherKind.get());
        }
        return forward(ownerName, replicas, method, ownerPath, headers::get, body, null, OWN_REQUEST_HEADERS);
    }

    /**
     * A batch of writes made by the gateway itself ({@code POST /<collection>/batch} of an import): the owner's
     * answer as it came. The import it belongs to goes along ({@code Memoria-Import}), which no client's request
     * passes through the gateway.
     */
    public Response forwardBatch(String ownerName, List<URI> replicas, String ownerPath, Map<String, String> headers,
            byte[] body) {
        return forward(ownerName, replicas, "POST", ownerPath, headers::get, body, null, OWN_REQUEST_HEADERS);
    }

    /** 409: the read model knows this id as an entity of another kind (ids are unique across kinds). */
    public Optional<Problem> idOfAnotherKind(EntityKind kind, UUID id, String path) {
        return claims.holder(id).filter(holder -> holder != kind).map(holder -> otherKind(kind, id, holder, path));
    }

    /** {@link #idOfAnotherKind} for many ids of one kind, in one read: the problem of each id that has one. */
    public Map<UUID, Problem> idsOfAnotherKind(EntityKind kind, java.util.Collection<UUID> ids) {
        Map<UUID, Problem> problems = new java.util.HashMap<>();
        claims.holders(ids).forEach((id, holder) -> {
            if (holder != kind) {
                problems.put(id, otherKind(kind, id, holder, null));
            }
        });
        return problems;
    }

    private static Problem otherKind(EntityKind kind, UUID id, EntityKind holder, String path) {
        return new Problem(Problem.TYPE_BASE + "id-of-another-kind", "Id names another kind of entity", 409, "id " + id
                + " already names " + EntityClaims.aKind(holder) + ": it cannot name " + EntityClaims.aKind(kind)
                + " too. Nothing was written", path, null);
    }

    private Response forward(String ownerName, List<URI> replicas, String method, String ownerPath,
            Function<String, String> headers, byte[] body, UriInfo uri) {
        return forward(ownerName, replicas, method, ownerPath, headers, body, uri, FORWARDED_REQUEST_HEADERS);
    }

    private Response forward(String ownerName, List<URI> replicas, String method, String ownerPath,
            Function<String, String> headers, byte[] body, UriInfo uri, List<String> headerNames) {
        int first = Math.floorMod(turn.getAndIncrement(), replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            URI replica = replicas.get((first + i) % replicas.size());
            HttpResponse<byte[]> answer;
            try {
                answer = send(request(replica, method, ownerPath, headers, body, headerNames), ownerName, method);
            } catch (HttpConnectTimeoutException | ConnectException e) {
                // the connection was never made: the request never reached this replica; another may take it
                FAILURES.warn(ownerName + " " + replica, "Cannot reach the " + ownerName + " at " + replica + ": " + e);
                continue;
            } catch (HttpTimeoutException e) {
                return unavailable(504, ownerName, "did not answer in time: " + OUTCOME_UNKNOWN, uri);
            } catch (IOException e) {
                // sent, but the answer was lost (the owner died mid-request): it may have committed
                FAILURES.warn(ownerName, "Lost the " + ownerName + "'s answer: " + e);
                return unavailable(502, ownerName, "closed the connection before answering: " + OUTCOME_UNKNOWN, uri);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return unavailable(503, ownerName, "is unreachable; nothing was written", uri);
            }
            return relay(answer, uri);
        }
        return unavailable(503, ownerName, "is unreachable; nothing was written. Retry shortly", uri);
    }

    /**
     * Routes a read ({@code GET}) to the owner and relays its answer. A read changes nothing, so unlike a write it is
     * safe to send again: when a replica cannot be reached, does not answer in time or loses its answer, the next one
     * is asked; 503 only when none answers.
     *
     * @param ownerPathAndQuery path on the owner with the client's raw query, e.g. {@code /events?personId=…}
     */
    public Response read(String ownerName, List<URI> replicas, String ownerPathAndQuery, HttpHeaders headers,
            UriInfo uri) {
        return read(ownerName, replicas, ownerPathAndQuery, headers, uri, false);
    }

    /** {@link #read}, asking the owner for JSON whatever the client accepts (the gateway renders another type itself). */
    public Response readJson(String ownerName, List<URI> replicas, String ownerPathAndQuery, HttpHeaders headers,
            UriInfo uri) {
        return read(ownerName, replicas, ownerPathAndQuery, headers, uri, true);
    }

    private Response read(String ownerName, List<URI> replicas, String ownerPathAndQuery, HttpHeaders headers,
            UriInfo uri, boolean json) {
        int first = Math.floorMod(turn.getAndIncrement(), replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            URI replica = replicas.get((first + i) % replicas.size());
            try {
                HttpRequest.Builder request = request(replica, "GET", ownerPathAndQuery, headers::getHeaderString, null,
                        FORWARDED_REQUEST_HEADERS);
                if (json) {
                    request.setHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
                }
                return relay(send(request, ownerName, "GET"), uri);
            } catch (HttpTimeoutException e) {
                FAILURES.warn(ownerName + " " + replica, "The " + ownerName + " at " + replica
                        + " did not answer a read in time: " + e);
            } catch (IOException e) {
                // not connected, or the answer lost: nothing was changed, so another replica may answer
                FAILURES.warn(ownerName + " " + replica, "No answer to a read from the " + ownerName + " at " + replica
                        + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return unavailable(503, ownerName, "is unreachable (no replica answered). Retry shortly", uri);
    }

    private HttpRequest.Builder request(URI replica, String method, String ownerPath,
            Function<String, String> headers, byte[] body, List<String> headerNames) {
        HttpRequest.Builder request = HttpRequest.newBuilder(replica.resolve(ownerPath)).timeout(requestTimeout)
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : headerNames) {
            String value = headers.apply(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        return request;
    }

    private static Response relay(HttpResponse<byte[]> answer, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(answer.statusCode());
        if (answer.body().length > 0) {
            response.entity(answer.body());
        }
        for (String name : RELAYED_RESPONSE_HEADERS) {
            answer.headers().firstValue(name).ifPresent(v -> response.header(name, v));
        }
        if (uri != null) { // null: the gateway's own write, whose Location no client reads
            answer.headers().firstValue(HttpHeaders.LOCATION).ifPresent(location -> response.location(
                    uri.getBaseUriBuilder().path("api").path(URI.create(location).getPath()).build()));
        }
        return response.build();
    }

    /**
     * Sends the request in a client span, the child of the gateway's server span, whose context goes to the owner in
     * the {@code traceparent} header: the owner's span, its outbox row and the projector's span continue the trace.
     */
    private HttpResponse<byte[]> send(HttpRequest.Builder request, String ownerName, String method)
            throws IOException, InterruptedException {
        Span span = tracer.spanBuilder("OwnerRouter.forward").setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", method).setAttribute("peer.service", ownerName).startSpan();
        try (Scope scope = span.makeCurrent()) {
            telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), request,
                    HttpRequest.Builder::header);
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            span.setAttribute("http.response.status_code", answer.statusCode());
            if (answer.statusCode() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            return answer;
        } catch (IOException | InterruptedException | RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    private static Response unavailable(int status, String owner, String what, UriInfo uri) {
        return Response.fromResponse(Problems.response(new Problem(Problem.TYPE_BASE + "owner-unavailable",
                "Owning service unavailable", status, "The " + owner + " " + what, uri == null ? null : uri.getPath(), null)))
                .header("Retry-After", "2").build();
    }
}
