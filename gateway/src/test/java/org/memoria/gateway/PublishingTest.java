package org.memoria.gateway;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A gateway test that publishes change events to the test broker as the owning services would ({@link OwnerTopics},
 * one producer per test), and reads what the projector made of them. Subclasses are {@code @QuarkusTest}s on the
 * shared test stack.
 */
abstract class PublishingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    /** The owners' topics, for this test. */
    OwnerTopics owners;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void connectToTheOwnersTopics() {
        owners = new OwnerTopics(kafka);
    }

    @AfterEach
    void closeTheOwnersTopics() {
        owners.close();
    }

    /**
     * Publishes a relation type as the people service seeded it (a term of relation-types with its English label and
     * inverse label), so that views reading relations label them.
     */
    void term(org.memoria.common.contract.vocabulary.ManagedVocabulary v, String code, String label) {
        UUID id = v.termId(code);
        owners.changed(v.owner.equals("people") ? org.memoria.common.events.Topics.PEOPLE
                : v.owner.equals("events") ? org.memoria.common.events.Topics.EVENTS : org.memoria.common.events.Topics.SOURCES,
                "term", id, 0, new org.memoria.common.contract.vocabulary.TermView(id, 0, v.path, code, label, "en",
                        java.util.Map.of("en", label), null, java.util.Map.of(), null, java.util.List.of(), false, null,
                        java.util.Map.of()));
    }

    void relationType(String code, String label, String inverseLabel) {
        org.memoria.common.contract.vocabulary.ManagedVocabulary v =
                org.memoria.common.contract.vocabulary.ManagedVocabulary.RELATION_TYPES;
        UUID id = v.termId(code);
        owners.changed(org.memoria.common.events.Topics.PEOPLE, "term", id, 0,
                new org.memoria.common.contract.vocabulary.TermView(id, 0, v.path, code, label, "en",
                        java.util.Map.of("en", label), null, java.util.Map.of(), null, java.util.List.of(), false,
                        inverseLabel, java.util.Map.of("en", inverseLabel)));
    }

    /** Waits until the change feed holds this version of the entity (the projector applied it). */
    void awaitFeedHolds(UUID id, long version) {
        // no first delay: tests wait for hundreds of entities one after the other, most of them there already
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "select count(*) from change_feed where entity_id = ? and version = ?")) {
                s.setObject(1, id);
                s.setLong(2, version);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            }
        });
    }

    /**
     * A metric's value as Prometheus scrapes it from /q/metrics: one series ({@code name{label="value"}}), or the sum of
     * a name's series; fails if none is exported.
     */
    static double metric(String series) {
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith(series + " ") || !series.contains("{") && l.startsWith(series + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .reduce(Double::sum).orElseThrow(() -> new AssertionError(series + " is not in /q/metrics"));
    }
}
