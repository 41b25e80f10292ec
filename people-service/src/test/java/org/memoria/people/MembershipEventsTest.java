package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memoria.people.Fixtures.json;
import static org.memoria.people.Fixtures.organisation;
import static org.memoria.people.Fixtures.person;
import static org.memoria.people.Fixtures.unique;

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
class MembershipEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    DataSource dataSource;

    @Test
    void eachWritePublishesExactlyOneMembershipEventAndARejectedWriteNone() {
        String hansen = person(unique("Joseph Hansen"));
        String fbi = organisation(unique("Federal Bureau of Investigation"), "POLICE");
        String id = Fixtures.create("memberships", json("personId", hansen, "organisationId", fbi));
        Map<String, Object> informant = json("personId", hansen, "organisationId", fbi, "role", "informant",
                "period", "1940-08-31/..");
        given().contentType(ContentType.JSON).body(informant).header("If-Match", "\"0\"").put("/memberships/" + id)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(informant).header("If-Match", "\"1\"").put("/memberships/" + id)
                .then().statusCode(200);
        // rejected: the ids swapped
        given().contentType(ContentType.JSON).body(json("personId", fbi, "organisationId", hansen))
                .header("If-Match", "\"1\"").put("/memberships/" + id).then().statusCode(400);
        given().header("If-Match", "\"1\"").delete("/memberships/" + id).then().statusCode(204);

        List<TopicProbe.Event> events = TopicProbe.eventsFor(kafka, Topics.PEOPLE, id,
                TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));

        assertEquals(3, events.size(), () -> "events: " + events);
        assertEquals("org.memoria.membership.changed.v1", events.get(0).header("ce_type"));
        assertEquals(id, events.get(0).header("ce_subject"));
        assertEquals("0", events.get(0).header("ce_entityversion"));
        assertTrue(events.get(0).value().contains("\"personId\":\"" + hansen + "\""), events.get(0).value());
        assertTrue(events.get(0).value().contains("\"organisationId\":\"" + fbi + "\""), events.get(0).value());
        assertEquals("org.memoria.membership.changed.v1", events.get(1).header("ce_type"));
        assertEquals("1", events.get(1).header("ce_entityversion"));
        assertTrue(events.get(1).value().contains("\"role\":\"informant\""), events.get(1).value());
        assertTrue(events.get(1).value().contains("\"period\":\"1940-08-31/..\""), events.get(1).value());
        assertEquals("org.memoria.membership.deleted.v1", events.get(2).header("ce_type"));
        assertEquals("2", events.get(2).header("ce_entityversion"));
        assertNull(events.get(2).value());
    }
}
