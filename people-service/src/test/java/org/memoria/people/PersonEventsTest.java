package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        initArgs = @ResourceArg(name = "database", value = "people"))
class PersonEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    DataSource dataSource;

    @Test
    void eachWritePublishesExactlyOneCloudEventInOrderAndADeleteATombstone() {
        String id = given().contentType(ContentType.JSON).body(Map.of("preferredName", "Robert Sheldon Harte"))
                .post("/people").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("preferredName", "Robert Sheldon Harte", "names",
                List.of(Map.of("name", "Bob Harte", "type", "NICKNAME")))).header("If-Match", "\"0\"").put("/people/" + id)
                .then().statusCode(200);
        // an identical replace changes nothing and must publish nothing
        given().contentType(ContentType.JSON).body(Map.of("preferredName", "Robert Sheldon Harte", "names",
                List.of(Map.of("name", "Bob Harte", "type", "NICKNAME")))).header("If-Match", "\"1\"").put("/people/" + id)
                .then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/people/" + id).then().statusCode(204);

        List<TopicProbe.Event> events = TopicProbe.eventsFor(kafka, Topics.PEOPLE, id,
                TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));

        assertEquals(3, events.size(), () -> "events: " + events);
        TopicProbe.Event created = events.get(0);
        assertEquals("1.0", created.header("ce_specversion"));
        assertEquals("org.memoria.person.changed.v1", created.header("ce_type"));
        assertEquals("/memoria/people-service", created.header("ce_source"));
        assertEquals(id, created.header("ce_subject"));
        assertEquals("0", created.header("ce_entityversion"));
        assertTrue(created.value().contains("\"preferredName\":\"Robert Sheldon Harte\""), created.value());
        assertTrue(events.get(1).value().contains("Bob Harte"));
        assertEquals("1", events.get(1).header("ce_entityversion"));
        assertEquals("org.memoria.person.deleted.v1", events.get(2).header("ce_type"));
        assertEquals("2", events.get(2).header("ce_entityversion"));
        assertNull(events.get(2).value());
    }

    @Test
    void theEventCarriesNamePeriodsPlacesAndAuthorityIds() {
        String yanovka = UUID.randomUUID().toString();
        String source = UUID.randomUUID().toString();
        String id = given().contentType(ContentType.JSON).body(Map.of("preferredName", "Leon Trotsky",
                "names", List.of(Map.of("name", "the Old Man", "type", "NICKNAME", "period", "1937", "sourceId", source)),
                "birthDate", "1879-11-07", "birthPlaceId", yanovka, "identifiers", Map.of("wikidata", "Q33391")))
                .post("/people").then().statusCode(201).extract().path("id");

        List<TopicProbe.Event> events = TopicProbe.eventsFor(kafka, Topics.PEOPLE, id,
                TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));

        assertEquals(1, events.size(), () -> "events: " + events);
        String payload = events.get(0).value();
        assertTrue(payload.contains("\"period\":\"1937\""), payload);
        assertTrue(payload.contains("\"sourceId\":\"" + source + "\""), payload);
        assertTrue(payload.contains("\"birthPlaceId\":\"" + yanovka + "\""), payload);
        assertTrue(payload.contains("\"wikidata\":\"Q33391\""), payload);
    }
}
