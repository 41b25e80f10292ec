package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memoria.people.Fixtures.json;
import static org.memoria.people.Fixtures.membership;
import static org.memoria.people.Fixtures.person;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
class OrganisationEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    DataSource dataSource;

    @Test
    void eachWritePublishesExactlyOneOrganisationEventAndARefusedWriteNone() {
        Map<String, Object> poum = json("preferredName", "POUM", "type", "POLITICAL_PARTY", "founded", "1935-09");
        String id = Fixtures.create("organisations", poum);
        String member = membership(person(Fixtures.unique("Andreu Nin")), id, "leader", null);
        // refused: a membership still names it
        given().header("If-Match", "\"0\"").delete("/organisations/" + id).then().statusCode(409);
        Map<String, Object> named = json("preferredName", "POUM", "type", "POLITICAL_PARTY", "founded", "1935-09",
                "names", List.of(json("name", "Workers' Party of Marxist Unification", "type", "LEGAL")));
        given().contentType(ContentType.JSON).body(named).header("If-Match", "\"0\"").put("/organisations/" + id)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(named).header("If-Match", "\"1\"").put("/organisations/" + id)
                .then().statusCode(200);
        given().header("If-Match", "\"0\"").delete("/memberships/" + member).then().statusCode(204);
        given().header("If-Match", "\"1\"").delete("/organisations/" + id).then().statusCode(204);

        List<TopicProbe.Event> events = TopicProbe.eventsFor(kafka, Topics.PEOPLE, id,
                TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));

        assertEquals(3, events.size(), () -> "events: " + events);
        assertEquals("org.memoria.organisation.changed.v1", events.get(0).header("ce_type"));
        assertEquals("/memoria/people-service", events.get(0).header("ce_source"));
        assertEquals(id, events.get(0).header("ce_subject"));
        assertEquals("0", events.get(0).header("ce_entityversion"));
        assertTrue(events.get(0).value().contains("\"type\":\"POLITICAL_PARTY\""), events.get(0).value());
        assertTrue(events.get(0).value().contains("\"founded\":\"1935-09\""), events.get(0).value());
        assertEquals("org.memoria.organisation.changed.v1", events.get(1).header("ce_type"));
        assertEquals("1", events.get(1).header("ce_entityversion"));
        assertTrue(events.get(1).value().contains("Workers' Party of Marxist Unification"), events.get(1).value());
        assertEquals("org.memoria.organisation.deleted.v1", events.get(2).header("ce_type"));
        assertEquals("2", events.get(2).header("ce_entityversion"));
        assertNull(events.get(2).value());
    }
}
