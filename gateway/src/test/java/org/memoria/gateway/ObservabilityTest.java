package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.memoria.common.contract.people.NameType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.events.Topics;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.PrometheusText;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the gateway shows of itself: the projector's span continues the trace of the write that made the event
 * ({@code ce_traceparent}); {@code /q/metrics} has the projector's lag per partition, what it consumed and applied,
 * its dead letters, and request latency per route template, never per raw path.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class ObservabilityTest extends PublishingTest {

    private static final Duration PROJECTED = Duration.ofSeconds(20);
    private static final Map<String, String> PEOPLE = Map.of("topic", Topics.PEOPLE);

    @Inject
    GatewayConfig config;
    @Inject
    InMemorySpanExporter spans;

    private static PersonState person(UUID id, String name) {
        return new PersonState(id, 0, name, List.of(new PersonState.Name("Jim", NameType.NICKNAME, null, null)),
                "1900", null, null, null, null, null);
    }

    static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private void awaitApplied(RecordMetadata record) {
        await().atMost(PROJECTED).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (var c = dataSource.getConnection();
                    var s = c.prepareStatement("select consumer_group from projector_state where id = 1");
                    var rs = s.executeQuery()) {
                return owners.consumedBy(rs.next() ? rs.getString(1) : config.consumerGroup(), record);
            }
        });
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void theProjectorsSpanContinuesTheTraceOfTheWriteThatMadeTheEvent() {
        String trace = hex(16);
        String ownerSpan = hex(8);
        UUID id = UUID.randomUUID();
        RecordMetadata record = owners.changed(Topics.PEOPLE, "person", id, 0, person(id, "James Cannon"),
                "00-" + trace + "-" + ownerSpan + "-01");

        await().atMost(PROJECTED).untilAsserted(() -> {
            SpanData projected = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().equals("ProjectionRun.apply") && s.getTraceId().equals(trace))
                    .findFirst().orElseThrow(() -> new AssertionError("no projector span in trace " + trace));
            assertEquals(ownerSpan, projected.getParentSpanId(), "the child of the owner's span");
            assertEquals(SpanKind.CONSUMER, projected.getKind());
            assertEquals(Topics.PEOPLE, projected.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")));
            assertEquals(record.offset(), projected.getAttributes().get(AttributeKey.longKey("messaging.kafka.offset")));
        });
    }

    @Test
    void metricsShowTheProjectorsLagAndProgressAndRequestsPerRouteTemplateWithoutIds() {
        String before = metrics();
        double consumed = PrometheusText.value(before, "memoria_projector_consumed_events_total", PEOPLE).orElse(0.0);
        double applied = PrometheusText.value(before, "memoria_projector_applied_events_total", Map.of()).orElse(0.0);

        UUID id = UUID.randomUUID();
        RecordMetadata record = owners.changed(Topics.PEOPLE, "person", id, 0, person(id, "Max Shachtman"));
        awaitApplied(record);
        given().get("/api/people/" + id).then().statusCode(200);

        Map<String, String> partition = Map.of("topic", Topics.PEOPLE, "partition", Integer.toString(record.partition()));
        await().atMost(PROJECTED).untilAsserted(() -> {
            String after = metrics();
            assertEquals(0.0, PrometheusText.value(after, "memoria_projector_consumer_lag_records", partition)
                    .orElseThrow(() -> new AssertionError("no lag for " + partition)));
            assertTrue(PrometheusText.value(after, "memoria_projector_consumed_events_total", PEOPLE).orElseThrow()
                    >= consumed + 1);
            assertTrue(PrometheusText.value(after, "memoria_projector_applied_events_total", Map.of()).orElseThrow()
                    >= applied + 1);
        });

        String after = metrics();
        assertTrue(PrometheusText.value(after, "memoria_projector_last_poll_age_seconds", Map.of()).orElseThrow() < 5);
        assertTrue(PrometheusText.value(after, "memoria_projector_dead_letters_total", Map.of()).isPresent());
        assertTrue(PrometheusText.value(after, "memoria_projector_dead_letters_open", Map.of()).isPresent());
        assertTrue(PrometheusText.value(after, "http_server_requests_seconds_count",
                Map.of("method", "GET", "uri", "/api/people/{id}", "status", "200")).orElseThrow() >= 1);
        assertFalse(after.contains(id.toString()), "no id in a label");
    }
}
