package org.memoria.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memoria.events.Fixtures.createPlace;
import static org.memoria.events.Fixtures.place;

import java.time.Duration;
import java.util.List;
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
class PlaceEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    DataSource dataSource;

    @Test
    void eachWritePublishesExactlyOneCloudEventInOrderAndADeleteATombstone() {
        String city = createPlace(place("Mexico City", "CITY", null, 19.4326, -99.1332, "Ciudad de México"));
        String id = given().contentType(ContentType.JSON).body(place("Coyoacán", "DISTRICT", city, null, null))
                .post("/places").then().statusCode(201).extract().path("id");
        var located = place("Coyoacán", "DISTRICT", city, 19.3467, -99.1617, "Coyoacan");
        given().contentType(ContentType.JSON).body(located).header("If-Match", "\"0\"").put("/places/" + id)
                .then().statusCode(200);
        // an identical replace changes nothing and must publish nothing
        given().contentType(ContentType.JSON).body(located).header("If-Match", "\"1\"").put("/places/" + id)
                .then().statusCode(200);
        // a refused write publishes nothing either
        given().contentType(ContentType.JSON).body(place("Coyoacán", "DISTRICT", UUID.randomUUID().toString(),
                null, null)).header("If-Match", "\"1\"").put("/places/" + id).then().statusCode(400);
        given().header("If-Match", "\"1\"").delete("/places/" + id).then().statusCode(204);

        List<TopicProbe.Event> events = TopicProbe.eventsFor(kafka, Topics.EVENTS, id,
                TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));

        assertEquals(3, events.size(), () -> "events: " + events);
        TopicProbe.Event created = events.get(0);
        assertEquals("1.0", created.header("ce_specversion"));
        assertEquals("org.memoria.place.changed.v1", created.header("ce_type"));
        assertEquals("/memoria/events-service", created.header("ce_source"));
        assertEquals(id, created.header("ce_subject"));
        assertEquals("0", created.header("ce_entityversion"));
        assertTrue(created.value().contains("\"name\":\"Coyoacán\""), created.value());
        assertTrue(created.value().contains("\"parentPlaceId\":\"" + city + "\""), created.value());
        assertTrue(created.value().contains("\"latitude\":null"), created.value());

        TopicProbe.Event replaced = events.get(1);
        assertEquals("org.memoria.place.changed.v1", replaced.header("ce_type"));
        assertEquals("1", replaced.header("ce_entityversion"));
        assertTrue(replaced.value().contains("\"alternateNames\":[\"Coyoacan\"]"), replaced.value());
        assertTrue(replaced.value().contains("\"latitude\":19.3467,\"longitude\":-99.1617"), replaced.value());

        TopicProbe.Event deleted = events.get(2);
        assertEquals("org.memoria.place.deleted.v1", deleted.header("ce_type"));
        assertEquals("2", deleted.header("ce_entityversion"));
        assertNull(deleted.value());
    }
}
