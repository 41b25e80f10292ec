package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Ids are unique across kinds: a change of one kind never replaces or deletes an entity of another with the same id. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class IdsAcrossKindsTest extends PublishingTest {

    private static final Duration PROJECTED = Duration.ofSeconds(20);
    private static final String DEAD_LETTERS = "/api/admin/dead-letters";

    private void person(UUID id, long version, String name) {
        owners.changed(Topics.PEOPLE, "person", id, version,
                new PersonState(id, version, name, List.of(), null, null, null, null, null, null));
    }

    private void event(UUID id, long version, String title) {
        owners.changed(Topics.EVENTS, "event", id, version,
                new EventState(id, version, title, EventType.OTHER, "1940-05-24", null, null, null, null, List.of()));
    }

    /** A valid event after everything published so far on the events topic's partition of {@code id}. */
    private void awaitEventsPartitionPast(UUID id) {
        UUID marker = owners.idOnSamePartition(Topics.EVENTS, id);
        event(marker, 0, "marker");
        await().atMost(PROJECTED).until(() -> given().get("/api/events/" + marker).statusCode() == 200);
    }

    private void awaitPerson(UUID id) {
        await().atMost(PROJECTED).until(() -> given().get("/api/people/" + id).statusCode() == 200);
    }

    @Test
    void aChangeOrDeletionOfAnotherKindWithTheSameIdIsSetAsideAndThePersonStays() {
        String tag = "impostor" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = UUID.randomUUID();
        person(id, 0, "Natalia Sedova");
        awaitPerson(id);

        event(id, 3, "An event " + tag);
        owners.deleted(Topics.EVENTS, "event", id, 4);
        awaitEventsPartitionPast(id);

        given().get("/api/people/" + id).then().statusCode(200).body("preferredName", equalTo("Natalia Sedova"));
        given().get("/api/events/" + id).then().statusCode(404);
        given().queryParam("q", tag).get("/api/search").then().body("total", is(0));
        asAdmin().queryParam("subject", id.toString()).get(DEAD_LETTERS).then().body("total", is(2))
                .body("items.reason", hasItem("id " + id + " already names a person: an event cannot replace it"))
                .body("items.reason", hasItem("id " + id + " already names a person: the deletion of an event "
                        + "cannot delete it"));

        // the person goes on changing as before
        person(id, 1, "Natalia Sedova Trotsky");
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + id).then()
                .body("preferredName", equalTo("Natalia Sedova Trotsky")));
    }

    @Test
    void aRebuildKeepsEveryIdWithTheKindFirstSeenAndSetsTheOtherAsideAgain() {
        UUID id = UUID.randomUUID();
        person(id, 0, "Sylvia Ageloff");
        awaitPerson(id);
        event(id, 0, "Not a person");
        awaitEventsPartitionPast(id);
        int letter = asAdmin().queryParam("subject", id.toString()).get(DEAD_LETTERS).then().body("total", is(1))
                .extract().path("items[0].id");

        // the rebuild reads the three topics in no fixed order between them: the event may well come first
        asAdmin().post("/api/admin/read-model/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                asAdmin().get("/api/admin/read-model").then().body("lastRebuild.state", equalTo("DONE")));

        given().get("/api/people/" + id).then().statusCode(200).body("preferredName", equalTo("Sylvia Ageloff"));
        given().get("/api/events/" + id).then().statusCode(404);
        asAdmin().get(DEAD_LETTERS + "/" + letter).then().body("status", equalTo("OPEN")).body("attempts", is(2))
                .body("reason", containsString("already names a person"));
    }

    @Test
    void theGatewayRefusesAWriteWhoseIdNamesAnEntityOfAnotherKindBeforeRoutingIt() {
        UUID id = UUID.randomUUID();
        person(id, 0, "Joseph Hansen");
        awaitPerson(id);
        Map<String, Object> event = Map.of("title", "An event", "type", "OTHER", "date", "1940-05-24");

        given().contentType(ContentType.JSON).body(event).put("/api/events/" + id).then().statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Id names another kind of entity"))
                .body("detail", containsString("already names a person"))
                .body("instance", equalTo("/api/events/" + id));
        given().header("If-Match", "\"0\"").delete("/api/places/" + id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already names a person"));

        // the same kind, or an id the archive has not seen, is routed to the owner (none runs in this test: 503)
        given().contentType(ContentType.JSON).body(Map.of("preferredName", "Joseph Hansen"))
                .header("If-Match", "\"0\"").put("/api/people/" + id).then().statusCode(503);
        given().contentType(ContentType.JSON).body(event).put("/api/events/" + UUID.randomUUID()).then()
                .statusCode(503).body("detail", not(containsString("already names")));
    }

    /** The admin endpoints need the admin role. */
    private static io.restassured.specification.RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin("Root"));
    }
}
