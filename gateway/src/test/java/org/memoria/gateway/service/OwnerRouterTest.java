package org.memoria.gateway.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memoria.common.problem.Problem;
import org.memoria.gateway.config.GatewayConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Routing a write to its owner, against a real HTTP peer on 127.0.0.1 (WireMock) standing in for the owning service:
 * what the owner answers is relayed, its Location rewritten to the gateway; an owner that cannot be reached is a 503,
 * one that does not answer in time a 504. A read is asked again of the next replica on any failure to answer; 503
 * when none answers.
 */
class OwnerRouterTest {

    private static final URI GATEWAY = URI.create("http://127.0.0.1:8080/");

    private WireMockServer owner;
    private OwnerRouter router;

    @BeforeEach
    void start() {
        owner = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        owner.start();
        router = new OwnerRouter(config(Map.of("memoria.gateway.router.request-timeout", "500ms")));
    }

    @AfterEach
    void stop() {
        owner.stop();
    }

    private static GatewayConfig config(Map<String, String> settings) {
        Map<String, String> properties = new TreeMap<>(Map.of("memoria.gateway.owners.people", "http://127.0.0.1:1",
                "memoria.gateway.owners.events", "http://127.0.0.1:1", "memoria.gateway.owners.sources",
                "http://127.0.0.1:1"));
        properties.putAll(settings);
        return new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "1s" as in application.properties
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter()) // "8M"
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(GatewayConfig.class);
    }

    private URI ownerUrl() {
        return URI.create("http://127.0.0.1:" + owner.port());
    }

    @Test
    void relaysTheOwnersAnswerAndRewritesItsLocationToTheGateway() {
        String id = UUID.randomUUID().toString();
        String created = "{\"id\":\"" + id + "\",\"preferredName\":\"Rudolf Klement\",\"version\":0}";
        owner.stubFor(post(urlEqualTo("/people")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("ETag", "\"0\"")
                .withHeader("Location", ownerUrl() + "/people/" + id).withHeader("Set-Cookie", "owner=internal")
                .withBody(created)));
        byte[] body = "{\"preferredName\":\"Rudolf Klement\"}".getBytes(StandardCharsets.UTF_8);

        Response answer = router.forward("people service", List.of(ownerUrl()), "POST", "/people",
                headers(Map.of("Content-Type", "application/json", "Authorization", "Bearer a.b.c", "Cookie", "gateway=1")),
                body, uri("/api/people"));

        assertEquals(201, answer.getStatus());
        assertEquals(URI.create("http://127.0.0.1:8080/api/people/" + id), answer.getLocation());
        assertEquals("\"0\"", answer.getHeaderString("ETag"));
        assertEquals("application/json", answer.getHeaderString("Content-Type"));
        assertEquals(null, answer.getHeaderString("Set-Cookie"), "only the headers the API documents are relayed");
        assertArrayEquals(created.getBytes(StandardCharsets.UTF_8), (byte[]) answer.getEntity());
        owner.verify(postRequestedFor(urlEqualTo("/people")).withHeader("Authorization", equalTo("Bearer a.b.c"))
                .withHeader("Content-Type", equalTo("application/json")).withoutHeader("Cookie")
                .withRequestBody(equalToJson("{\"preferredName\":\"Rudolf Klement\"}")));
    }

    @Test
    void theCallToTheOwnerIsAClientSpanWhoseContextTheOwnerReceives() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
            OpenTelemetry telemetry = OpenTelemetrySdk.builder().setTracerProvider(tracing)
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
            OwnerRouter traced = new OwnerRouter(config(Map.of()), telemetry);
            owner.stubFor(put(urlEqualTo("/people/1")).willReturn(aResponse().withStatus(200)));
            Span request = tracing.get("test").spanBuilder("PeopleApi.replace").startSpan();
            try (Scope scope = request.makeCurrent()) {
                traced.forward("people service", List.of(ownerUrl()), "PUT", "/people/1", headers(Map.of("traceparent",
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")), new byte[0], uri("/api/people/1"));
            } finally {
                request.end();
            }

            SpanData client = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("OwnerRouter.forward"))
                    .findFirst().orElseThrow();
            assertEquals(SpanKind.CLIENT, client.getKind());
            assertEquals(request.getSpanContext().getSpanId(), client.getParentSpanId());
            // the owner continues the gateway's trace from the router's span, not from what the caller sent
            owner.verify(putRequestedFor(urlEqualTo("/people/1")).withHeader("traceparent",
                    equalTo("00-" + client.getTraceId() + "-" + client.getSpanId() + "-01")));
        }
    }

    @Test
    void forwardsThePreconditionAndRelaysTheOwnersProblemUnchanged() {
        String problem = "{\"type\":\"https://memoria.example/problems/precondition-failed\",\"status\":412}";
        owner.stubFor(put(urlEqualTo("/events/1")).willReturn(aResponse().withStatus(412)
                .withHeader("Content-Type", Problem.MEDIA_TYPE).withHeader("ETag", "\"4\"").withBody(problem)));

        Response answer = router.forward("events service", List.of(ownerUrl()), "PUT", "/events/1",
                headers(Map.of("Content-Type", "application/json", "If-Match", "\"3\"")),
                "{}".getBytes(StandardCharsets.UTF_8), uri("/api/events/1"));

        assertEquals(412, answer.getStatus());
        assertEquals(Problem.MEDIA_TYPE, answer.getHeaderString("Content-Type"));
        assertEquals("\"4\"", answer.getHeaderString("ETag"));
        assertEquals(null, answer.getLocation());
        assertArrayEquals(problem.getBytes(StandardCharsets.UTF_8), (byte[]) answer.getEntity());
        owner.verify(putRequestedFor(urlEqualTo("/events/1")).withHeader("If-Match", equalTo("\"3\"")));
    }

    @Test
    void anOwnerThatDoesNotAnswerInTimeIs504() {
        owner.stubFor(put(urlEqualTo("/sources/1")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));

        long start = System.nanoTime();
        Response answer = router.forward("sources service", List.of(ownerUrl()), "PUT", "/sources/1",
                headers(Map.of("If-Match", "\"0\"")), new byte[0], uri("/api/sources/1"));

        assertProblem(answer, 504, "did not answer in time");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0,
                "the router gives up after its request timeout, not when the owner answers");
    }

    @Test
    void anOwnerThatIsDownIs503() {
        URI down = ownerUrl();
        owner.stop();

        Response answer = router.forward("people service", List.of(down), "DELETE", "/people/1",
                headers(Map.of("If-Match", "\"0\"")), null, uri("/api/people/1"));

        assertProblem(answer, 503, "is unreachable; nothing was written");
    }

    @Test
    void theRoutersTimeoutsHaveDefaults() {
        GatewayConfig defaults = config(Map.of());
        assertEquals(Duration.ofSeconds(2), defaults.router().connectTimeout());
        assertEquals(Duration.ofSeconds(15), defaults.router().requestTimeout());
        assertEquals(3, defaults.topicPartitions());
    }

    @Test
    void anOwnerThatDropsTheConnectionAfterTheRequestIs502WithTheOutcomeUnknown() {
        owner.stubFor(post(urlEqualTo("/people")).willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)));

        Response answer = router.forward("people service", List.of(ownerUrl()), "POST", "/people",
                headers(Map.of("Content-Type", "application/json")), "{}".getBytes(StandardCharsets.UTF_8),
                uri("/api/people"));

        // the request reached the owner, which may have committed it: never "nothing was written"
        assertProblem(answer, 502, "may or may not have been applied");
        assertEquals("2", answer.getHeaderString("Retry-After"));
    }

    @Test
    void writesGoToTheReplicasInTurnAndOneThatIsDownIsSkipped() {
        WireMockServer second = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        second.start();
        OwnerRouter patient = new OwnerRouter(config(Map.of())); // a slow first answer is not what these tests are about
        try {
            URI down = URI.create("http://127.0.0.1:" + org.memoria.local.Ports.free());
            for (WireMockServer replica : List.of(owner, second)) {
                replica.stubFor(post(urlEqualTo("/people")).willReturn(aResponse().withStatus(201)));
            }
            List<URI> replicas = List.of(ownerUrl(), down, URI.create("http://127.0.0.1:" + second.port()));

            for (int i = 0; i < 6; i++) {
                Response answer = patient.forward("people service", replicas, "POST", "/people",
                        headers(Map.of("Content-Type", "application/json")), "{}".getBytes(StandardCharsets.UTF_8),
                        uri("/api/people"));
                assertEquals(201, answer.getStatus(), "a replica that cannot be reached is skipped, not reported");
            }

            int first = owner.findAll(postRequestedFor(urlEqualTo("/people"))).size();
            int other = second.findAll(postRequestedFor(urlEqualTo("/people"))).size();
            assertEquals(6, first + other, "each write is sent to exactly one replica");
            assertTrue(first >= 2 && other >= 2, "the writes are spread over the replicas: " + first + " and " + other);
        } finally {
            second.stop();
        }
    }

    @Test
    void aWriteThatReachedAReplicaIsNeverSentToAnotherOne() {
        WireMockServer second = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        second.start();
        OwnerRouter patient = new OwnerRouter(config(Map.of())); // a slow first answer is not what these tests are about
        try {
            owner.stubFor(post(urlEqualTo("/people")).willReturn(aResponse()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)));
            second.stubFor(post(urlEqualTo("/people")).willReturn(aResponse().withStatus(201)));
            List<URI> replicas = List.of(ownerUrl(), URI.create("http://127.0.0.1:" + second.port()));

            int lost = 0;
            for (int i = 0; i < 4; i++) {
                Response answer = patient.forward("people service", replicas, "POST", "/people",
                        headers(Map.of("Content-Type", "application/json")), "{}".getBytes(StandardCharsets.UTF_8),
                        uri("/api/people"));
                lost += answer.getStatus() == 502 ? 1 : 0;
            }

            int reachedFirst = owner.findAll(postRequestedFor(urlEqualTo("/people"))).size();
            assertTrue(reachedFirst >= 1, "the first replica had its turn");
            assertEquals(reachedFirst, lost, "every write the first replica dropped is answered 502 (outcome unknown)");
            assertEquals(4 - reachedFirst, second.findAll(postRequestedFor(urlEqualTo("/people"))).size(),
                    "a write that reached one replica is not sent again to the other, which could apply it twice");
        } finally {
            second.stop();
        }
    }

    @Test
    void aReadIsAskedOfTheNextReplicaWhenOneIsDownDropsItsAnswerOrIsSlow() {
        WireMockServer dropping = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        WireMockServer slow = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        dropping.start();
        slow.start();
        try {
            String page = "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}";
            String list = "/events?personId=" + UUID.randomUUID() + "&from=1940-05-01";
            owner.stubFor(get(urlEqualTo(list)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withHeader("ETag", "\"7\"").withBody(page)));
            dropping.stubFor(get(urlEqualTo(list)).willReturn(aResponse()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)));
            slow.stubFor(get(urlEqualTo(list)).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));
            URI down = URI.create("http://127.0.0.1:" + org.memoria.local.Ports.free());
            List<URI> replicas = List.of(down, URI.create("http://127.0.0.1:" + dropping.port()),
                    URI.create("http://127.0.0.1:" + slow.port()), ownerUrl());

            for (int i = 0; i < replicas.size(); i++) { // each read starts at the next replica in turn
                Response answer = router.read("events service", replicas, list,
                        headers(Map.of("Accept", "application/json", "Authorization", "Bearer a.b.c")), uri("/api/events"));

                assertEquals(200, answer.getStatus(), "a read is asked again of the next replica");
                assertEquals("application/json", answer.getHeaderString("Content-Type"));
                assertEquals("\"7\"", answer.getHeaderString("ETag"));
                assertArrayEquals(page.getBytes(StandardCharsets.UTF_8), (byte[]) answer.getEntity());
            }
            owner.verify(replicas.size(), getRequestedFor(urlEqualTo(list))
                    .withHeader("Authorization", equalTo("Bearer a.b.c")));
            assertTrue(dropping.findAll(getRequestedFor(urlEqualTo(list))).size() >= 1, "the dropping replica was asked");
            assertTrue(slow.findAll(getRequestedFor(urlEqualTo(list))).size() >= 1, "the slow replica was asked");
        } finally {
            dropping.stop();
            slow.stop();
        }
    }

    @Test
    void aReadNoReplicaAnswersIs503WithRetryAfter() {
        owner.stubFor(get(urlEqualTo("/people/1/revisions")).willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        URI down = URI.create("http://127.0.0.1:" + org.memoria.local.Ports.free());

        Response answer = router.read("people service", List.of(ownerUrl(), down), "/people/1/revisions",
                headers(Map.of()), uri("/api/people/1/revisions"));

        assertProblem(answer, 503, "no replica answered");
        assertEquals("2", answer.getHeaderString("Retry-After"));
        assertTrue(owner.findAll(getRequestedFor(urlEqualTo("/people/1/revisions"))).size() >= 1,
                "the replica that resets the connection was asked");
    }

    @Test
    void anOwnersAnswerToAReadIsRelayedAsItIsEvenAProblem() {
        WireMockServer second = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        second.start();
        try {
            String problem = "{\"status\":400,\"errors\":[{\"field\":\"personId\"}]}";
            for (WireMockServer replica : List.of(owner, second)) {
                replica.stubFor(get(urlEqualTo("/events?personId=x")).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", Problem.MEDIA_TYPE).withBody(problem)));
            }

            Response answer = router.read("events service", List.of(ownerUrl(), URI.create("http://127.0.0.1:"
                    + second.port())), "/events?personId=x", headers(Map.of()), uri("/api/events"));

            assertEquals(400, answer.getStatus());
            assertEquals(Problem.MEDIA_TYPE, answer.getHeaderString("Content-Type"));
            assertArrayEquals(problem.getBytes(StandardCharsets.UTF_8), (byte[]) answer.getEntity());
            assertEquals(1, owner.findAll(getRequestedFor(urlEqualTo("/events?personId=x"))).size()
                    + second.findAll(getRequestedFor(urlEqualTo("/events?personId=x"))).size(),
                    "an answer, even a problem, is the owner's: no other replica is asked");
        } finally {
            second.stop();
        }
    }

    @Test
    void anOwnersReplicasAreACommaSeparatedList() {
        GatewayConfig replicas = config(Map.of("memoria.gateway.owners.events",
                "http://127.0.0.1:8082,http://127.0.0.1:8182"));
        assertEquals(List.of(URI.create("http://127.0.0.1:8082"), URI.create("http://127.0.0.1:8182")),
                replicas.owners().events());
    }

    private static void assertProblem(Response answer, int status, String detail) {
        assertEquals(status, answer.getStatus());
        assertEquals(Problem.MEDIA_TYPE, String.valueOf(answer.getMediaType()));
        Problem problem = (Problem) answer.getEntity();
        assertEquals(Problem.TYPE_BASE + "owner-unavailable", problem.type());
        assertEquals(status, problem.status());
        assertTrue(problem.detail().contains(detail), problem.detail());
    }

    /** The request headers as JAX-RS gives them to the resource (names case-insensitive). */
    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(values);
        return (HttpHeaders) Proxy.newProxyInstance(OwnerRouterTest.class.getClassLoader(),
                new Class<?>[] { HttpHeaders.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaderString" -> byName.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The request URI as JAX-RS gives it to the resource: the gateway's base and the path requested. */
    private static UriInfo uri(String path) {
        return (UriInfo) Proxy.newProxyInstance(OwnerRouterTest.class.getClassLoader(),
                new Class<?>[] { UriInfo.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getBaseUriBuilder" -> UriBuilder.fromUri(GATEWAY);
                    case "getPath" -> path;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
