package org.memoria.sources;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TopicProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sources"))
class SourceEventsTest {

    private static final String URL = "https://www.marxists.org/archive/trotsky/index.htm";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    DataSource dataSource;

    @Test
    void eachWritePublishesExactlyOneCloudEventInOrderAndADeleteATombstone() {
        String trotsky = UUID.randomUUID().toString();
        String id = given().contentType(ContentType.JSON).body(Map.of("type", "ARTICLE",
                "title", "Stalin Seeks My Death", "date", "1940-06-08", "authorIds", List.of(trotsky)))
                .post("/sources").then().statusCode(201).extract().path("id");
        Map<String, Object> withUrl = Map.of("type", "ARTICLE", "title", "Stalin Seeks My Death",
                "date", "1940-06-08", "authorIds", List.of(trotsky), "identifiers", Map.of("url", URL));
        given().contentType(ContentType.JSON).body(withUrl).header("If-Match", "\"0\"").put("/sources/" + id).then().statusCode(200);
        // an identical replace changes nothing and must publish nothing
        given().contentType(ContentType.JSON).body(withUrl).header("If-Match", "\"1\"").put("/sources/" + id).then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/sources/" + id).then().statusCode(204);

        List<TopicProbe.Event> events = TopicProbe.eventsFor(kafka, Topics.SOURCES, id,
                TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));

        assertEquals(3, events.size(), () -> "events: " + events);
        TopicProbe.Event created = events.get(0);
        assertEquals("1.0", created.header("ce_specversion"));
        assertEquals("org.memoria.source.changed.v1", created.header("ce_type"));
        assertEquals("/memoria/sources-service", created.header("ce_source"));
        assertEquals(id, created.header("ce_subject"));
        assertEquals("0", created.header("ce_entityversion"));
        assertTrue(created.value().contains("\"title\":\"Stalin Seeks My Death\""), created.value());
        assertTrue(created.value().contains("\"authorIds\":[\"" + trotsky + "\"]"), created.value());
        assertTrue(created.value().contains("\"date\":\"1940-06-08\""), created.value());
        assertFalse(created.value().contains(URL), created.value());

        TopicProbe.Event replaced = events.get(1);
        assertEquals("org.memoria.source.changed.v1", replaced.header("ce_type"));
        assertEquals("1", replaced.header("ce_entityversion"));
        assertTrue(replaced.value().contains("\"url\":\"" + URL + "\""), replaced.value());

        TopicProbe.Event deleted = events.get(2);
        assertEquals("org.memoria.source.deleted.v1", deleted.header("ce_type"));
        assertEquals("2", deleted.header("ce_entityversion"));
        assertEquals(id, deleted.header("ce_subject"));
        assertNull(deleted.value());
    }
}
