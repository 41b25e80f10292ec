package org.memoria.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.memoria.events.Fixtures.createEvent;
import static org.memoria.events.Fixtures.event;
import static org.memoria.events.Fixtures.organisation;
import static org.memoria.events.Fixtures.person;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.events.Fixtures.Coyoacan;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** An event's place, its parent event, its organisations; what the service checks and what it shows. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "events"))
class EventReferencesTest {

    private static final String ATTACK = "Armed attack on Trotsky's house in Coyoacán";

    @Test
    void anEventShowsItsPlacesNameAndCoordinatesAndItsOrganisations() {
        Coyoacan places = Coyoacan.create();
        UUID gpu = UUID.randomUUID();
        UUID siqueiros = UUID.randomUUID();
        Map<String, Object> body = event("Trotsky publishes \"Stalin Seeks My Death\"", "PUBLICATION", "1940-06-08",
                person(siqueiros, "SUBJECT"),
                organisation(gpu, "SUBJECT", "Accused of organising the May 24 attack"));
        body.put("placeId", places.coyoacan());
        String id = createEvent(body);

        given().get("/events/" + id).then().statusCode(200)
                .body("placeId", equalTo(places.coyoacan()))
                .body("place.id", equalTo(places.coyoacan()))
                .body("place.name", equalTo("Coyoacán"))
                .body("place.type", equalTo("DISTRICT"))
                .body("place.latitude", is(19.3467f))
                .body("place.longitude", is(-99.1617f))
                .body("placeName", nullValue())
                .body("participants[0].personId", equalTo(siqueiros.toString()))
                .body("participants[0].organisationId", nullValue())
                .body("participants[1].organisationId", equalTo(gpu.toString()))
                .body("participants[1].personId", nullValue())
                .body("participants[1].note", equalTo("Accused of organising the May 24 attack"));
        // the same in lists
        given().queryParam("organisationId", gpu.toString()).get("/events").then().statusCode(200)
                .body("total", is(1)).body("items[0].place.name", equalTo("Coyoacán"));
        // an event without a place shows none
        given().get("/events/" + createEvent(event("Death of Lenin", "DEATH", "1924-01-21"))).then()
                .body("place", nullValue());
    }

    @Test
    void aParticipantIsExactlyOneOfAPersonAndAnOrganisation() {
        UUID trotsky = UUID.randomUUID();
        Map<String, Object> both = Map.of("personId", trotsky.toString(), "organisationId",
                UUID.randomUUID().toString(), "role", "VICTIM");
        given().contentType(ContentType.JSON)
                .body(event(ATTACK, "ATTACK", "1940-05-24", person(trotsky, "VICTIM"), both, Map.of("role", "VICTIM")))
                .post("/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(2))
                .body("errors.field", contains("participants[1].oneParticipant", "participants[2].oneParticipant"))
                .body("errors[0].reason", equalTo("exactly one of personId and organisationId"));
        given().queryParam("personId", trotsky.toString()).get("/events").then().body("total", is(0));
    }

    @Test
    void refusesAMissingPlaceOrParentEventNamingTheFieldAndWritesNothing() {
        String id = UUID.randomUUID().toString();
        UUID nowhere = UUID.randomUUID();
        UUID noEvent = UUID.randomUUID();
        Map<String, Object> body = event(ATTACK, "ATTACK", "1940-05-24");
        body.put("placeId", nowhere.toString());
        body.put("parentEventId", noEvent.toString());
        given().contentType(ContentType.JSON).body(body).put("/events/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("placeId", "parentEventId"))
                .body("errors[0].reason", equalTo("no place with id " + nowhere))
                .body("errors[1].reason", equalTo("no event with id " + noEvent));
        given().get("/events/" + id).then().statusCode(404);
    }

    @Test
    void refusesAReferenceOfTheWrongKind() {
        Coyoacan places = Coyoacan.create();
        String campaign = createEvent(event("Stalin's campaign to assassinate Trotsky", "OTHER", "1936/1940-08-20"));
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = event(ATTACK, "ATTACK", "1940-05-24");
        body.put("placeId", campaign);
        given().contentType(ContentType.JSON).body(body).put("/events/" + id)
                .then().statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("placeId"))
                .body("errors[0].reason", equalTo(campaign + " is an event, not a place"));
        body.put("placeId", places.house());
        body.put("parentEventId", places.coyoacan());
        given().contentType(ContentType.JSON).body(body).put("/events/" + id)
                .then().statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("parentEventId"))
                .body("errors[0].reason", equalTo(places.coyoacan() + " is a place, not an event"));
        given().get("/events/" + id).then().statusCode(404);

        body.put("parentEventId", campaign);
        given().contentType(ContentType.JSON).body(body).put("/events/" + id).then().statusCode(201)
                .body("parentEventId", equalTo(campaign))
                .body("place.name", equalTo("Trotsky's house in Coyoacán"))
                .body("place.latitude", nullValue());
    }

    @Test
    void refusesAParentChainThatWouldMakeAnEventItsOwnAncestor() {
        Map<String, Object> campaignBody = event("Stalin's campaign to assassinate Trotsky", "OTHER",
                "1936/1940-08-20");
        String campaign = createEvent(campaignBody);
        Map<String, Object> attackBody = event(ATTACK, "ATTACK", "1940-05-24");
        attackBody.put("parentEventId", campaign);
        String attack = createEvent(attackBody);
        Map<String, Object> harteBody = event("Abduction of Robert Sheldon Harte", "ABDUCTION", "1940-05-24");
        harteBody.put("parentEventId", attack);
        String abduction = createEvent(harteBody);

        campaignBody.put("parentEventId", abduction);
        given().contentType(ContentType.JSON).body(campaignBody).header("If-Match", "\"0\"").put("/events/" + campaign)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("parentEventId"))
                .body("errors[0].reason", equalTo("would make the event its own ancestor: "
                        + "'Stalin's campaign to assassinate Trotsky' → 'Abduction of Robert Sheldon Harte' → '"
                        + ATTACK + "' → 'Stalin's campaign to assassinate Trotsky'"));
        campaignBody.put("parentEventId", campaign);
        given().contentType(ContentType.JSON).body(campaignBody).header("If-Match", "\"0\"").put("/events/" + campaign)
                .then().statusCode(400)
                .body("errors[0].reason", equalTo("an event cannot be part of itself"));
        given().get("/events/" + campaign).then().header("ETag", "\"0\"").body("parentEventId", nullValue());
    }

    @Test
    void listsSubEventsInDateOrderAndRefusesToDeleteAnEventWithSubEvents() {
        String campaign = createEvent(event("Stalin's campaign to assassinate Trotsky", "OTHER", "1936/1940-08-20"));
        Map<String, Object> assassination = event("Assassination of Leon Trotsky", "ASSASSINATION", "1940-08-20");
        assassination.put("parentEventId", campaign);
        String assassinationId = createEvent(assassination);
        Map<String, Object> attack = event(ATTACK, "ATTACK", "1940-05-24");
        attack.put("parentEventId", campaign);
        String attackId = createEvent(attack);
        Map<String, Object> assignment = event("Mercader given the assignment to kill Trotsky", "ASSIGNMENT",
                "[1940-05-26,1940-05-27]");
        assignment.put("parentEventId", campaign);
        String assignmentId = createEvent(assignment);

        given().get("/events/" + campaign + "/children").then().statusCode(200)
                .body("total", is(3))
                .body("items.id", contains(attackId, assignmentId, assassinationId));
        given().queryParam("parentEventId", campaign).queryParam("sort", "title").get("/events").then()
                .body("items.id", contains(attackId, assassinationId, assignmentId));
        given().get("/events/" + attackId + "/children").then().statusCode(200).body("total", is(0));
        given().get("/events/" + UUID.randomUUID() + "/children").then().statusCode(404);

        given().header("If-Match", "\"0\"").delete("/events/" + campaign).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("3 sub-events"))
                .body("detail", containsString("'" + ATTACK + "' (" + attackId + ")"))
                .body("detail", containsString("'Assassination of Leon Trotsky' (" + assassinationId + ")"));
        given().get("/events/" + campaign).then().statusCode(200);
        for (String child : new String[] { attackId, assignmentId, assassinationId }) {
            given().header("If-Match", "\"0\"").delete("/events/" + child).then().statusCode(204);
        }
        given().header("If-Match", "\"0\"").delete("/events/" + campaign).then().statusCode(204);
    }

    @Test
    void revisionsSayWhoChangedWhatAndWhen() {
        Coyoacan places = Coyoacan.create();
        String id = given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Natalia"))
                .body(event(ATTACK, "ATTACK", "1940-05")).post("/events")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> dated = event(ATTACK, "ATTACK", "1940-05-24");
        dated.put("placeId", places.house());
        given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Joseph")).header("If-Match", "\"0\"")
                .body(dated).put("/events/" + id).then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/events/" + id).then().statusCode(204);

        given().get("/events/" + id + "/revisions").then().statusCode(200)
                .body("change", contains("CREATED", "UPDATED", "DELETED"))
                .body("author", contains("Natalia", "Joseph", "test-archivist"))
                .body("[1].changed", containsInAnyOrder("date", "placeId", "place"))
                .body("[1].state.date.edtf", equalTo("1940-05-24"))
                .body("[1].state.place.name", equalTo("Trotsky's house in Coyoacán"))
                .body("[2].state", nullValue());
        given().get("/events/" + UUID.randomUUID() + "/revisions").then().statusCode(404);
    }

    @Test
    void changingOrDeletingRequiresTheCurrentVersion() {
        String id = createEvent(event("Death of Leon Sedov", "DEATH", "1938-02-16"));
        Map<String, Object> change = event("Death of Leon Sedov", "DEATH", "1938-02-16");
        change.put("description", "Died in a Paris clinic, with all evidence pointing to murder by the GPU.");
        given().contentType(ContentType.JSON).body(change).put("/events/" + id)
                .then().statusCode(428).contentType("application/problem+json").header("ETag", "\"0\"");
        given().delete("/events/" + id).then().statusCode(428).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(change).header("If-Match", "\"0\"").put("/events/" + id)
                .then().statusCode(200).header("ETag", "\"1\"");
        given().contentType(ContentType.JSON).body(event("Death of Sedov", "DEATH", "1938")).header("If-Match", "\"0\"")
                .put("/events/" + id).then().statusCode(412).contentType("application/problem+json")
                .header("ETag", "\"1\"").body("detail", containsString("version 1"));
        given().header("If-Match", "\"0\"").delete("/events/" + id).then().statusCode(412);
        given().get("/events/" + id).then().body("title", equalTo("Death of Leon Sedov"))
                .body("description", containsString("GPU"));
    }
}
