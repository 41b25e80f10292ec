package org.memoria.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.memoria.events.Fixtures.allItems;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "events"))
class EventResourceTest {

    private static final String ATTACK = "Armed attack on Trotsky's house in Coyoacán";

    private static Map<String, Object> participant(UUID personId, String role) {
        return Map.of("personId", personId.toString(), "role", role);
    }

    /** An event body; a null date is left out. */
    private static Map<String, Object> event(String title, String type, String date, Object... participants) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("type", type);
        if (date != null) {
            body.put("date", date);
        }
        body.put("participants", List.of(participants));
        return body;
    }

    private static String create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/events")
                .then().statusCode(201).extract().path("id");
    }

    private static void assertNoEventsOf(UUID personId) {
        given().queryParam("personId", personId.toString()).get("/events").then().statusCode(200)
                .body("total", is(0)).body("items", hasSize(0));
    }

    @Test
    void createsAndReadsAnEventWithItsParticipantsAndEdtfDate() {
        UUID siqueiros = UUID.randomUUID();
        UUID harte = UUID.randomUUID();
        UUID trotsky = UUID.randomUUID();
        Map<String, Object> body = event(ATTACK, "ATTACK", "1940-05-24",
                participant(siqueiros, "ORGANISER"), participant(harte, "GUARD_ON_DUTY"),
                participant(trotsky, "VICTIM"));
        body.put("placeName", "Coyoacán, Mexico City");
        body.put("description", "Some twenty men led by David Alfaro Siqueiros machine-gun the bedroom at dawn.");
        String location = given().contentType(ContentType.JSON).body(body).post("/events")
                .then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("version", is(0))
                .body("title", equalTo(ATTACK))
                .extract().header("Location");

        given().get(location).then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("type", equalTo("ATTACK"))
                .body("date.edtf", equalTo("1940-05-24"))
                .body("date.display", equalTo("May 24, 1940"))
                .body("date.earliest", equalTo("1940-05-24"))
                .body("placeName", equalTo("Coyoacán, Mexico City"))
                .body("description", containsString("Siqueiros"))
                .body("participants.personId", contains(siqueiros.toString(), harte.toString(), trotsky.toString()))
                .body("participants.role", contains("ORGANISER", "GUARD_ON_DUTY", "VICTIM"))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());
    }

    @Test
    void theSameEventSentAgainWithItsCodesInLowerCaseIsUnchanged() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("title", ATTACK + " " + id, "type", "attack", "date", "1940-05-24",
                "participants", List.of(Map.of("personId", UUID.randomUUID().toString(), "role", "organiser",
                        "note", "led the raid in uniform")));
        given().contentType(ContentType.JSON).body(body).put("/events/" + id).then().statusCode(201)
                .header("ETag", "\"0\"").body("type", equalTo("ATTACK"));
        // a rerun of an import, or a client that spells codes as it likes: the same state, so no new version
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body).put("/events/" + id).then()
                .statusCode(200).header("ETag", "\"0\"").body("participants[0].role", equalTo("ORGANISER"))
                .body("participants[0].note", equalTo("led the raid in uniform"));
        given().contentType(ContentType.JSON).body(List.of(Map.of("id", id, "data", body))).post("/events/batch")
                .then().statusCode(200).body("outcome", contains("UNCHANGED")).body("version", contains(0));
        given().get("/events/" + id).then().statusCode(200).header("ETag", "\"0\"");
    }

    @Test
    void anUndatedEventHasNoDate() {
        String id = create(event("Murder of Robert Sheldon Harte", "MURDER", null));
        given().get("/events/" + id).then().statusCode(200)
                .body("date", nullValue())
                .body("participants", hasSize(0));
    }

    @Test
    void listsAPersonsEventsChronologicallyUndatedLastInPagesWithTheTotal() {
        UUID harte = UUID.randomUUID();
        UUID mercader = UUID.randomUUID();
        // a person in two roles at once is still one event on their list
        // titles in another order than dates: "Murder" sorts before "Raid" by title, after it by date
        create(event("Raid on the house on Avenida Viena", "ATTACK", "1940-05-24",
                participant(harte, "GUARD_ON_DUTY"), participant(harte, "ACCOMPLICE")));
        create(event("Murder of Robert Sheldon Harte", "MURDER", null, participant(harte, "VICTIM")));
        create(event("Discovery of Robert Sheldon Harte's body", "DISCOVERY", "1940-06-25",
                participant(harte, "VICTIM")));
        create(event("Abduction of Robert Sheldon Harte", "ABDUCTION", "1940-05-24", participant(harte, "VICTIM")));
        create(event("Assassination of Leon Trotsky", "ASSASSINATION", "1940-08-20",
                participant(mercader, "PERPETRATOR")));

        given().queryParam("personId", harte.toString()).queryParam("size", 3).get("/events").then()
                .statusCode(200)
                .body("total", is(4)).body("size", is(3)).body("page", is(0))
                .body("items.title", contains("Abduction of Robert Sheldon Harte", "Raid on the house on Avenida Viena",
                        "Discovery of Robert Sheldon Harte's body"));
        given().queryParam("personId", harte.toString()).queryParam("size", 3).queryParam("page", 1).get("/events")
                .then().statusCode(200)
                .body("total", is(4)).body("page", is(1))
                .body("items.title", contains("Murder of Robert Sheldon Harte"));
        given().queryParam("personId", mercader.toString()).get("/events").then()
                .body("total", is(1)).body("items[0].title", equalTo("Assassination of Leon Trotsky"));
    }

    @Test
    void filtersByTypeAloneAndTogetherWithAPerson() {
        UUID harte = UUID.randomUUID();
        String discovery = create(event("Discovery of Robert Sheldon Harte's body", "DISCOVERY", "1940-06-25",
                participant(harte, "VICTIM")));
        String abduction = create(event("Abduction of Robert Sheldon Harte", "ABDUCTION", "1940-05-24",
                participant(harte, "VICTIM")));

        List<Map<String, Object>> discoveries = allItems("/events", Map.of("type", "DISCOVERY"));
        assertThat(discoveries.stream().map(e -> e.get("type")).toList(), everyItem(equalTo("DISCOVERY")));
        assertThat(discoveries.stream().map(e -> e.get("id")).toList(),
                allOf(hasItem(discovery), not(hasItem(abduction))));
        given().queryParam("type", "ABDUCTION").queryParam("personId", harte.toString()).get("/events").then()
                .statusCode(200)
                .body("total", is(1)).body("items.id", contains(abduction));
        given().queryParam("type", "TRIAL").queryParam("personId", harte.toString()).get("/events").then()
                .statusCode(200)
                .body("total", is(0));
    }

    @Test
    void rejectsAnUnknownTypeOrAMalformedPersonFilterAsABadRequest() {
        given().queryParam("type", "ASSASINATION").get("/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", containsString("'ASSASINATION'"))
                .body("errors[0].reason", containsString("closest: ASSASSINATION"));
        given().queryParam("personId", "trotsky").get("/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("personId"))
                .body("errors[0].reason", containsString("UUID"));
    }

    @Test
    void rejectsAPageLargerThanTheMaximum() {
        given().queryParam("size", 101).get("/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void rejectsInvalidInputNamingEachFieldAndWritesNothing() {
        UUID witness = UUID.randomUUID();
        Map<String, Object> body = new HashMap<>();
        body.put("title", " ");
        body.put("date", "1940-13-01");
        body.put("participants", List.of(participant(witness, "WITNESS"), Map.of("role", "VICTIM")));
        given().contentType(ContentType.JSON).body(body).post("/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("type"))
                .body("errors.field", hasItem("date"))
                .body("errors.field", hasItem("participants[1].oneParticipant"))
                .body("errors.find { it.field == 'date' }.reason", containsString("position 5"));
        assertNoEventsOf(witness);
    }

    @Test
    void aParticipantWhosePartTheSourcesDoNotGiveIsRecordedWithoutARole() {
        UUID bystander = UUID.randomUUID();
        UUID siqueiros = UUID.randomUUID();
        Map<String, Object> unknownPart = new HashMap<>();
        unknownPart.put("personId", bystander.toString());
        unknownPart.put("note", "named in the police report; what part they played is not known");
        String id = create(event(ATTACK, "ATTACK", "1940-05-24", participant(siqueiros, "ORGANISER"), unknownPart));
        given().get("/events/" + id).then().statusCode(200)
                .body("participants.role", contains("ORGANISER", null))
                .body("participants[1].note", equalTo("named in the police report; what part they played is not known"));
        given().queryParam("personId", bystander.toString()).get("/events").then().body("total", is(1));
    }

    @Test
    void rejectsAnUnknownTypeOrRoleListingTheAllowedOnesAndWritesNothing() {
        UUID siqueiros = UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(event(ATTACK, "ATACK", "1940-05-24", participant(siqueiros, "ORGANISER")))
                .post("/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", containsString("'ATACK'"))
                .body("errors[0].reason", containsString("closest: ATTACK"));
        given().contentType(ContentType.JSON)
                .body(event(ATTACK, "ATTACK", "1940-05-24", participant(siqueiros, "GUARD")))
                .post("/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("participants[0].role"))
                .body("errors[0].reason", containsString("closest: GUARD_ON_DUTY"));
        assertNoEventsOf(siqueiros);
    }

    @Test
    void rejectsUnknownFieldsAndMalformedJson() {
        Map<String, Object> body = event(ATTACK, "ATTACK", "1940-05-24");
        body.put("location", "Avenida Viena 19");
        given().contentType(ContentType.JSON).body(body).post("/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("location"))
                .body("errors[0].reason", containsString("placeName"));
        given().contentType(ContentType.JSON).body("{\"title\": ").post("/events")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void answers404AsProblemForAnUnknownEvent() {
        UUID id = UUID.randomUUID();
        given().get("/events/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(id.toString()));
        given().delete("/events/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void putReplacesBumpsTheVersionAndAnIdenticalPutChangesNothing() {
        UUID trotsky = UUID.randomUUID();
        UUID mercader = UUID.randomUUID();
        String id = create(event("Assassination of Leon Trotsky", "ASSASSINATION", "1940-08",
                participant(trotsky, "VICTIM")));
        Map<String, Object> changed = event("Assassination of Leon Trotsky", "ASSASSINATION", "1940-08-20",
                participant(trotsky, "VICTIM"), participant(mercader, "PERPETRATOR"));
        changed.put("placeName", "Coyoacán, Mexico City");
        given().contentType(ContentType.JSON).body(changed).header("If-Match", "\"0\"").put("/events/" + id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("version", is(1))
                .body("date.display", equalTo("August 20, 1940"))
                .body("participants[1].role", equalTo("PERPETRATOR"));
        given().contentType(ContentType.JSON).body(changed).header("If-Match", "\"1\"").put("/events/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("version", is(1));
        // reordering participants is a change
        Map<String, Object> reordered = event("Assassination of Leon Trotsky", "ASSASSINATION", "1940-08-20",
                participant(mercader, "PERPETRATOR"), participant(trotsky, "VICTIM"));
        reordered.put("placeName", "Coyoacán, Mexico City");
        given().contentType(ContentType.JSON).body(reordered).header("If-Match", "\"1\"").put("/events/" + id)
                .then().statusCode(200).body("version", is(2))
                .body("participants.personId", contains(mercader.toString(), trotsky.toString()));
        given().get("/events/" + id).then().header("ETag", "\"2\"")
                .body("participants.role", contains("PERPETRATOR", "VICTIM"));
    }

    @Test
    void putCreatesUnderAGivenIdAndDeleteRemoves() {
        String id = UUID.randomUUID().toString();
        UUID trotsky = UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(event("Death of Leon Trotsky", "DEATH", "1940-08-21", participant(trotsky, "SUBJECT")))
                .put("/events/" + id)
                .then().statusCode(201).header("Location", startsWith("http")).header("Location", containsString(id))
                .body("id", equalTo(id)).body("version", is(0));
        given().header("If-Match", "\"0\"").delete("/events/" + id).then().statusCode(204);
        given().get("/events/" + id).then().statusCode(404);
        assertNoEventsOf(trotsky);
    }

    @Test
    void servesHealthAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Database")));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Memoria events service"))
                .body("paths.'/events'.post.operationId", equalTo("createEvent"))
                .body("paths.'/events'.get.operationId", equalTo("listEvents"))
                .body("paths.'/events/{id}'.put.operationId", equalTo("putEvent"))
                .body("paths.'/events'.get.parameters.find { it.name == 'type' }.schema.maxLength", is(30))
                .body("paths.'/vocabularies/{vocabulary}'.get.operationId", equalTo("getVocabulary"))
                .body("paths.'/events'.get.parameters.find { it.name == 'personId' }.schema.format", equalTo("uuid"))
                .body("paths.'/events'.get.parameters.find { it.name == 'size' }.schema.maximum", is(100))
                .body("paths.'/places'.get.parameters.find { it.name == 'size' }.schema.maximum", is(100))
                .body("paths.'/events'.get.parameters.find { it.name == 'from' }.schema.format", equalTo("date"))
                .body("paths.'/events'.get.parameters.find { it.name == 'sort' }.schema.enum",
                        contains("date", "title"))
                .body("paths.'/events/{id}/children'.get.operationId", equalTo("getEventChildren"))
                .body("paths.'/events/{id}/revisions'.get.operationId", equalTo("getEventRevisions"))
                .body("paths.'/events/{id}'.delete.responses.'409'.description", containsString("part of this one"))
                .body("paths.'/places'.post.operationId", equalTo("createPlace"))
                .body("paths.'/places/{id}'.put.operationId", equalTo("putPlace"))
                .body("paths.'/places/{id}/children'.get.operationId", equalTo("getPlaceChildren"))
                .body("paths.'/places/{id}/revisions'.get.operationId", equalTo("getPlaceRevisions"))
                .body("paths.'/places/{id}'.delete.responses.'409'.description", containsString("reference"))
                .body("components.schemas.PlaceInput.properties.type.description", containsString("place-types"))
                .body("components.schemas.ParticipantInput.properties.role.description",
                        containsString("participant-roles"));
    }

    @Test
    void rejectsOversizedText() {
        UUID trotsky = UUID.randomUUID();
        Map<String, Object> body = event("x".repeat(501), "ATTACK", "1940-05-24", participant(trotsky, "VICTIM"));
        body.put("placeName", "x".repeat(301));
        body.put("description", "x".repeat(10_001));
        given().contentType(ContentType.JSON).body(body).post("/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("description", "placeName", "title"))
                .body("errors.find { it.field == 'title' }.reason", containsString("500"));
        Map<String, Object> longNote = event("Assassination of Leon Trotsky", "ASSASSINATION", "1940-08-20",
                Map.of("personId", trotsky.toString(), "role", "VICTIM", "note", "x".repeat(2_001)));
        given().contentType(ContentType.JSON).body(longNote).post("/events").then().statusCode(400)
                .body("errors[0].field", equalTo("participants[0].note"));
        assertNoEventsOf(trotsky);
    }
}
