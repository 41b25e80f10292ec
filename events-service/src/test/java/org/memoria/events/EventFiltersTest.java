package org.memoria.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.memoria.events.Fixtures.createEvent;
import static org.memoria.events.Fixtures.event;
import static org.memoria.events.Fixtures.organisation;
import static org.memoria.events.Fixtures.person;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.events.Fixtures.Coyoacan;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Filtering the list of events: dates by overlap, places with what is inside them, organisations, order. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "events"))
class EventFiltersTest {

    /** The events of one person (each test's own), between the days given (null: not filtered). */
    private static RequestSpecification eventsOf(UUID personId, String from, String to) {
        RequestSpecification request = given().queryParam("personId", personId.toString());
        if (from != null) {
            request.queryParam("from", from);
        }
        if (to != null) {
            request.queryParam("to", to);
        }
        return request;
    }

    @Test
    void aSeasonMatchesADayRangeInsideIt() {
        UUID wolf = UUID.randomUUID();
        String murder = createEvent(event("Murder of Erwin Wolf", "MURDER", "1937-22", person(wolf, "VICTIM")));
        eventsOf(wolf, "1937-07-01", "1937-07-31").get("/events").then().statusCode(200)
                .body("total", is(1)).body("items[0].id", equalTo(murder));
        // a range covering only the summer's last day, or reaching into it from before
        eventsOf(wolf, "1937-08-31", null).get("/events").then().body("total", is(1));
        eventsOf(wolf, null, "1937-06-01").get("/events").then().body("total", is(1));
        eventsOf(wolf, "1937-09-01", "1937-12-31").get("/events").then().body("total", is(0));
        eventsOf(wolf, null, "1937-05-31").get("/events").then().body("total", is(0));
    }

    @Test
    void aDayMatchesOnlyRangesContainingIt() {
        UUID trotsky = UUID.randomUUID();
        String attack = createEvent(event("Armed attack on Trotsky's house in Coyoacán", "ATTACK", "1940-05-24",
                person(trotsky, "VICTIM")));
        eventsOf(trotsky, "1940-06-01", null).get("/events").then().body("total", is(0));
        eventsOf(trotsky, null, "1940-05-23").get("/events").then().body("total", is(0));
        eventsOf(trotsky, "1940-05-24", "1940-05-24").get("/events").then()
                .body("total", is(1)).body("items[0].id", equalTo(attack));
        eventsOf(trotsky, "1940-01-01", "1940-12-31").get("/events").then().body("total", is(1));
    }

    @Test
    void oneOfASetMatchesADayThatMayBeIt() {
        UUID mercader = UUID.randomUUID();
        String assignment = createEvent(event("Mercader given the assignment to kill Trotsky", "ASSIGNMENT",
                "[1940-05-26,1940-05-27]", person(mercader, "SUBJECT")));
        eventsOf(mercader, "1940-05-27", "1940-05-27").get("/events").then()
                .body("total", is(1)).body("items[0].id", equalTo(assignment));
        eventsOf(mercader, "1940-05-28", null).get("/events").then().body("total", is(0));
        eventsOf(mercader, null, "1940-05-25").get("/events").then().body("total", is(0));
    }

    @Test
    void undatedEventsMatchNoDateFilterAndOpenEndsReachEverything() {
        UUID harte = UUID.randomUUID();
        createEvent(event("Murder of Robert Sheldon Harte", "MURDER", null, person(harte, "VICTIM")));
        String memorial = createEvent(event("Memorial to Harte at the Trotsky museum", "OTHER", "1990/..",
                person(harte, "SUBJECT")));
        eventsOf(harte, null, null).get("/events").then().body("total", is(2));
        eventsOf(harte, "2025-05-24", null).get("/events").then()
                .body("total", is(1)).body("items[0].id", equalTo(memorial));
        eventsOf(harte, null, "1989-12-31").get("/events").then().body("total", is(0));
        eventsOf(harte, "1940-01-01", "1940-12-31").get("/events").then().body("total", is(0));
    }

    @Test
    void aPlaceFilterFindsEventsAtPlacesInsideIt() {
        Coyoacan places = Coyoacan.create();
        Coyoacan elsewhere = Coyoacan.create();
        Map<String, Object> attack = event("Armed attack on Trotsky's house in Coyoacán", "ATTACK", "1940-05-24");
        attack.put("placeId", places.house());
        String attackId = createEvent(attack);
        Map<String, Object> death = event("Death of Leon Trotsky", "DEATH", "1940-08-21");
        death.put("placeId", places.mexicoCity());
        String deathId = createEvent(death);
        Map<String, Object> meeting = event("Mercader introduced to Trotsky", "MEETING", "1940-05-28");
        meeting.put("placeId", elsewhere.house());
        createEvent(meeting);

        given().queryParam("placeId", places.coyoacan()).get("/events").then().statusCode(200)
                .body("total", is(1)).body("items[0].id", equalTo(attackId));
        given().queryParam("placeId", places.mexico()).get("/events").then()
                .body("total", is(2)).body("items.id", contains(attackId, deathId));
        given().queryParam("placeId", places.house()).get("/events").then()
                .body("total", is(1)).body("items[0].id", equalTo(attackId));
        given().queryParam("placeId", places.mexico()).queryParam("from", "1940-06-01").get("/events").then()
                .body("total", is(1)).body("items[0].id", equalTo(deathId));
        given().queryParam("placeId", UUID.randomUUID().toString()).get("/events").then().body("total", is(0));
    }

    @Test
    void filtersByOrganisationAndTypeTogether() {
        UUID gpu = UUID.randomUUID();
        String reiss = createEvent(event("Assassination of Ignace Reiss", "ASSASSINATION", "1937-09",
                organisation(gpu, "ORGANISER", "assassinated by the GPU")));
        String klement = createEvent(event("Abduction and murder of Rudolf Klement", "ABDUCTION", "1938-07",
                organisation(gpu, "ORGANISER", "killed by the GPU")));
        given().queryParam("organisationId", gpu.toString()).get("/events").then()
                .body("total", is(2)).body("items.id", contains(reiss, klement));
        given().queryParam("organisationId", gpu.toString()).queryParam("type", "ABDUCTION").get("/events").then()
                .body("total", is(1)).body("items[0].id", equalTo(klement));
        // an organisation is not a person
        given().queryParam("personId", gpu.toString()).get("/events").then().body("total", is(0));
    }

    @Test
    void sortsByTitleOnRequest() {
        UUID sedov = UUID.randomUUID();
        String trial = createEvent(event("First Moscow Trial", "TRIAL", "1936-08", person(sedov, "SUBJECT")));
        String death = createEvent(event("Death of Leon Sedov", "DEATH", "1938-02-16", person(sedov, "VICTIM")));
        given().queryParam("personId", sedov.toString()).get("/events").then().body("items.id", contains(trial, death));
        given().queryParam("personId", sedov.toString()).queryParam("sort", "date").get("/events").then()
                .body("items.id", contains(trial, death));
        given().queryParam("personId", sedov.toString()).queryParam("sort", "title").get("/events").then()
                .body("items.id", contains(death, trial));
    }

    @Test
    void rejectsInvalidFilterValuesNamingTheParameter() {
        given().queryParam("from", "1940-13-01").get("/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"))
                .body("errors[0].reason", containsString("'1940-13-01' is not an ISO day"));
        given().queryParam("to", "1937-22").get("/events").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().queryParam("from", "1940-08-20").queryParam("to", "1940-05-24").get("/events").then().statusCode(400)
                .body("errors[0].field", equalTo("to"))
                .body("errors[0].reason", containsString("before"));
        given().queryParam("sort", "chronology").get("/events").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"))
                .body("errors[0].reason", equalTo("'chronology' is not one of date, title"));
        for (String uuidParameter : new String[] { "organisationId", "placeId", "parentEventId" }) {
            given().queryParam(uuidParameter, "coyoacan").get("/events").then().statusCode(400)
                    .body("errors[0].field", equalTo(uuidParameter))
                    .body("errors[0].reason", containsString("UUID"));
        }
        given().queryParam("page", -1).get("/events").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }
}
