package org.memoria.sources;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memoria.sources.Archive.citationBody;
import static org.memoria.sources.Archive.claimBody;
import static org.memoria.sources.Archive.ref;
import static org.memoria.sources.Archive.source;
import static org.memoria.sources.Archive.sourceBody;
import static org.memoria.sources.Archive.tag;

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
import org.memoria.sources.Archive.Harte;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sources"))
class ClaimEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    DataSource dataSource;

    private List<TopicProbe.Event> published(String id) {
        // everything the test wrote, to the end of the topic: a duplicate would show
        return TopicProbe.eventsFor(kafka, Topics.SOURCES, id, TopicProbe.outboxDrained(dataSource),
                Duration.ofSeconds(30));
    }

    private static JsonNode json(TopicProbe.Event event) {
        try {
            return JSON.readTree(event.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + event.value(), e);
        }
    }

    @Test
    void eachCitationWritePublishesExactlyOneCloudEventAndADeleteATombstone() {
        UUID attack = UUID.randomUUID();
        String stalinSeeksMyDeath = source("ARTICLE", "Stalin Seeks My Death " + tag(), "1940-06-08");
        Map<String, Object> body = citationBody(stalinSeeksMyDeath, null, "A repetition of the attempt is inevitable.");
        String id = given().contentType(ContentType.JSON).body(body).post("/citations").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> about = citationBody(stalinSeeksMyDeath, "closing section",
                "A repetition of the attempt is inevitable.", ref("EVENT", attack));
        given().contentType(ContentType.JSON).body(about).header("If-Match", "\"0\"").put("/citations/" + id).then()
                .statusCode(200);
        // an identical replace changes nothing and must publish nothing
        given().contentType(ContentType.JSON).body(about).header("If-Match", "\"1\"").put("/citations/" + id).then()
                .statusCode(200);
        given().header("If-Match", "\"1\"").delete("/citations/" + id).then().statusCode(204);

        List<TopicProbe.Event> events = published(id);
        assertEquals(3, events.size(), () -> "events: " + events);
        TopicProbe.Event created = events.get(0);
        assertEquals("org.memoria.citation.changed.v1", created.header("ce_type"));
        assertEquals("/memoria/sources-service", created.header("ce_source"));
        assertEquals(id, created.header("ce_subject"));
        assertEquals("0", created.header("ce_entityversion"));
        assertEquals(stalinSeeksMyDeath, json(created).get("sourceId").asText());
        assertEquals("A repetition of the attempt is inevitable.", json(created).get("quote").asText());

        JsonNode replaced = json(events.get(1));
        assertEquals("1", events.get(1).header("ce_entityversion"));
        assertEquals("closing section", replaced.get("locator").asText());
        assertEquals("EVENT", replaced.get("about").get(0).get("kind").asText());
        assertEquals(attack.toString(), replaced.get("about").get(0).get("id").asText());

        assertEquals("org.memoria.citation.deleted.v1", events.get(2).header("ce_type"));
        assertEquals("2", events.get(2).header("ce_entityversion"));
        assertNull(events.get(2).value());
    }

    @Test
    void eachClaimWritePublishesExactlyOneCloudEventWithTheDerivedStatusAndHistory() {
        String tag = tag();
        Harte harte = Harte.record(tag);
        String statement = "Robert Sheldon Harte was a GPU agent " + tag;
        Map<String, Object> disputed = claimBody(statement, List.of(ref("PERSON", harte.person())),
                harte.evidence().subList(1, 3));
        String id = given().contentType(ContentType.JSON).body(disputed).post("/claims").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> established = claimBody(statement, List.of(ref("PERSON", harte.person())),
                harte.evidence());
        given().contentType(ContentType.JSON).body(established).header("If-Match", "\"0\"").put("/claims/" + id)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(established).header("If-Match", "\"1\"").put("/claims/" + id)
                .then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/claims/" + id).then().statusCode(204);

        List<TopicProbe.Event> events = published(id);
        assertEquals(3, events.size(), () -> "events: " + events);
        assertEquals("org.memoria.claim.changed.v1", events.get(0).header("ce_type"));
        assertEquals(id, events.get(0).header("ce_subject"));
        JsonNode first = json(events.get(0));
        assertEquals("DISPUTED", first.get("status").asText());
        assertEquals(2, first.get("history").size());

        JsonNode second = json(events.get(1));
        assertEquals("1", events.get(1).header("ce_entityversion"));
        assertEquals("ESTABLISHED", second.get("status").asText());
        assertEquals(List.of("1975-05", "1975-06/1977", "1995"),
                second.get("history").findValuesAsText("asOf"));
        assertEquals(List.of(harte.icfi(), harte.swp(), harte.venona()),
                second.get("evidence").findValuesAsText("citationId"));
        assertEquals(harte.venonaSource(), second.get("evidence").get(2).get("sourceId").asText());
        assertEquals("1995", second.get("evidence").get(2).get("sourceDate").asText());
        // the dispute was given without a strength: unweighed, it stays so in the event
        assertTrue(second.get("evidence").get(1).get("strength").isNull());
        assertEquals(List.of(harte.icfiSource(), harte.swpSource(), harte.venonaSource()),
                second.get("history").findValuesAsText("sourceId"));

        assertEquals("org.memoria.claim.deleted.v1", events.get(2).header("ce_type"));
        assertEquals("2", events.get(2).header("ce_entityversion"));
    }

    @Test
    void aSourcesNewDatePublishesExactlyOneNewEventOfEachClaimCitingIt() {
        String tag = tag();
        Harte harte = Harte.record(tag);
        String statement = "Robert Sheldon Harte was a GPU agent " + tag;
        String id = harte.claim(statement);

        given().contentType(ContentType.JSON).body(sourceBody("DECRYPTED_CABLE",
                "Venona decrypted Soviet intelligence cables " + tag, "1995-07-11"))
                .header("If-Match", "\"0\"").put("/sources/" + harte.venonaSource()).then().statusCode(200);
        given().get("/claims/" + id).then().header("ETag", "\"1\"");
        // the claim's own deletion closes its stream: every event before it has been read when the tombstone is
        given().header("If-Match", "\"1\"").delete("/claims/" + id).then().statusCode(204);

        List<TopicProbe.Event> events = published(id);
        assertEquals(List.of("0", "1", "2"), events.stream().map(e -> e.header("ce_entityversion")).toList(),
                () -> "events: " + events);
        JsonNode rederived = json(events.get(1));
        assertEquals("org.memoria.claim.changed.v1", events.get(1).header("ce_type"));
        assertEquals("1995-07-11", rederived.get("evidence").get(2).get("sourceDate").asText());
        assertEquals("1995-07-11", rederived.get("history").get(2).get("asOf").asText());
        assertEquals("ESTABLISHED", rederived.get("status").asText());
        assertTrue(json(events.get(0)).get("history").get(2).get("asOf").asText().equals("1995"));
    }
}
