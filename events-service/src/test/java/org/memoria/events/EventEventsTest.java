package org.memoria.events;

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
        initArgs = @ResourceArg(name = "database", value = "events"))
class EventEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    DataSource dataSource;

    @Test
    void eachWritePublishesExactlyOneCloudEventInOrderAndADeleteATombstone() {
        String siqueiros = UUID.randomUUID().toString();
        String harte = UUID.randomUUID().toString();
        Map<String, Object> attack = Map.of("title", "Armed attack on Trotsky's house in Coyoacán", "type", "ATTACK",
                "date", "1940-05-24", "placeName", "Coyoacán, Mexico City",
                "participants", List.of(Map.of("personId", siqueiros, "role", "ORGANISER")));
        String id = given().contentType(ContentType.JSON).body(attack).post("/events")
                .then().statusCode(201).extract().path("id");
        String gpu = UUID.randomUUID().toString();
        Map<String, Object> withGuard = Map.of("title", "Armed attack on Trotsky's house in Coyoacán", "type",
                "ATTACK", "date", "1940-05-24", "placeName", "Coyoacán, Mexico City",
                "participants", List.of(Map.of("personId", siqueiros, "role", "ORGANISER"),
                        Map.of("personId", harte, "role", "GUARD_ON_DUTY"),
                        Map.of("organisationId", gpu, "role", "ORGANISER", "note", "planned the attack")));
        given().contentType(ContentType.JSON).body(withGuard).header("If-Match", "\"0\"").put("/events/" + id).then().statusCode(200);
        // an identical replace changes nothing and must publish nothing
        given().contentType(ContentType.JSON).body(withGuard).header("If-Match", "\"1\"").put("/events/" + id).then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/events/" + id).then().statusCode(204);

        List<TopicProbe.Event> events = TopicProbe.eventsFor(kafka, Topics.EVENTS, id,
                TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));

        assertEquals(3, events.size(), () -> "events: " + events);
        TopicProbe.Event created = events.get(0);
        assertEquals("1.0", created.header("ce_specversion"));
        assertEquals("org.memoria.event.changed.v1", created.header("ce_type"));
        assertEquals("/memoria/events-service", created.header("ce_source"));
        assertEquals(id, created.header("ce_subject"));
        assertEquals("0", created.header("ce_entityversion"));
        assertTrue(created.value().contains("\"title\":\"Armed attack on Trotsky's house in Coyoacán\""),
                created.value());
        assertTrue(created.value().contains("\"date\":\"1940-05-24\""), created.value());
        assertTrue(created.value().contains("\"role\":\"ORGANISER\""), created.value());
        assertFalse(created.value().contains(harte), created.value());

        TopicProbe.Event replaced = events.get(1);
        assertEquals("org.memoria.event.changed.v1", replaced.header("ce_type"));
        assertEquals("1", replaced.header("ce_entityversion"));
        assertTrue(replaced.value().contains("{\"personId\":\"" + harte
                + "\",\"organisationId\":null,\"role\":\"GUARD_ON_DUTY\",\"note\":null}"), replaced.value());
        assertTrue(replaced.value().contains("{\"personId\":null,\"organisationId\":\"" + gpu
                + "\",\"role\":\"ORGANISER\",\"note\":\"planned the attack\"}"), replaced.value());

        TopicProbe.Event deleted = events.get(2);
        assertEquals("org.memoria.event.deleted.v1", deleted.header("ce_type"));
        assertEquals("2", deleted.header("ce_entityversion"));
        assertEquals(id, deleted.header("ce_subject"));
        assertNull(deleted.value());
    }
}
