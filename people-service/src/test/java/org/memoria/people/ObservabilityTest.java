package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.memoria.common.events.CloudEvents;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.PrometheusText;
import org.memoria.local.TopicProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What an owner shows of itself: a write's trace context travels from the caller's {@code traceparent} through the
 * owner's span into the outbox row and the published record ({@code ce_traceparent}); {@code /q/metrics} has the
 * outbox's backlog, its age and what was published, and request latency per route template, never per raw path.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "people"))
class ObservabilityTest {

    private static final Map<String, String> TOPIC = Map.of("topic", Topics.PEOPLE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    DataSource dataSource;

    static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Test
    void aWritesTraceContextReachesTheOutboxRowAndTheKafkaRecord() throws SQLException {
        String trace = hex(16);
        String callerSpan = hex(8);
        String id = given().contentType(ContentType.JSON).header("traceparent", "00-" + trace + "-" + callerSpan + "-01")
                .body(Map.of("preferredName", "Sylvia Ageloff")).post("/people").then().statusCode(201)
                .extract().path("id");

        List<TopicProbe.Event> events = TopicProbe.eventsFor(kafka, Topics.PEOPLE, id,
                TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));
        assertEquals(1, events.size());
        String published = events.get(0).header(CloudEvents.H_TRACEPARENT);
        assertTrue(published != null && published.matches("00-" + trace + "-[0-9a-f]{16}-01"),
                "the caller's trace, sampled: " + published);
        assertNotEquals(callerSpan, published.split("-")[2], "the owner's own span, the child of the caller's");
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("select traceparent from outbox_event where aggregate_id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (var rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(published, rs.getString(1), "the relay publishes the row's trace context");
            }
        }
    }

    @Test
    void metricsShowTheOutboxAndRequestsPerRouteTemplateWithoutIds() {
        String id = given().contentType(ContentType.JSON).body(Map.of("preferredName", "Jacques Mornard"))
                .post("/people").then().statusCode(201).extract().path("id");
        given().get("/people/" + id).then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertEquals(0.0, PrometheusText.value(metrics, "memoria_outbox_unsent_events", TOPIC).orElseThrow());
            assertEquals(0.0, PrometheusText.value(metrics, "memoria_outbox_oldest_unsent_age_seconds", TOPIC)
                    .orElseThrow());
            assertTrue(PrometheusText.value(metrics, "memoria_outbox_published_events_total", TOPIC).orElseThrow() >= 1);
        });

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, String> read = Map.of("method", "GET", "uri", "/people/{id}", "status", "200");
        assertTrue(PrometheusText.value(metrics, "http_server_requests_seconds_count", read).orElseThrow() >= 1);
        assertTrue(PrometheusText.value(metrics, "http_server_requests_seconds_bucket",
                Map.of("method", "GET", "uri", "/people/{id}", "status", "200", "le", "0.25")).isPresent(),
                "latency buckets, for percentiles across replicas");
        assertTrue(PrometheusText.value(metrics, "http_server_requests_seconds_count",
                Map.of("method", "POST", "uri", "/people", "status", "201")).orElseThrow() >= 1);
        assertFalse(metrics.contains(id), "no id in a label");
    }
}
