package org.memoria.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.memoria.events.Fixtures.createEvent;
import static org.memoria.events.Fixtures.createPlace;
import static org.memoria.events.Fixtures.event;
import static org.memoria.events.Fixtures.place;

import java.util.List;
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

@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "events"))
class PlaceResourceTest {

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsAndReadsAPlaceWithAlternateNamesCoordinatesAndParent() {
        String mexico = createPlace(place("Mexico", "COUNTRY", null, null, null, "México"));
        String location = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Mexico City", "type", "CITY", "parentPlaceId", mexico,
                        "alternateNames", List.of("Ciudad de México", "CDMX"),
                        "latitude", 19.4326, "longitude", -99.1332,
                        "description", "Capital of Mexico, where GPU agents gathered in 1939 and 1940."))
                .post("/places")
                .then().statusCode(201).header("ETag", "\"0\"").body("version", is(0))
                .extract().header("Location");

        given().get(location).then().statusCode(200).header("ETag", "\"0\"")
                .body("name", equalTo("Mexico City"))
                .body("alternateNames", contains("Ciudad de México", "CDMX"))
                .body("type", equalTo("CITY"))
                .body("latitude", is(19.4326f))
                .body("longitude", is(-99.1332f))
                .body("parentPlaceId", equalTo(mexico))
                .body("description", containsString("GPU agents"))
                .body("createdAt", notNullValue());
    }

    @Test
    void findsPlacesByAnyOfTheirNamesCaseInsensitivelyByTypeAndByParent() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String country = createPlace(place("Mexico " + tag, "COUNTRY", null, null, null));
        String city = createPlace(place("Mexico City " + tag, "CITY", country, null, null, "Ciudad de México " + tag));
        String coyoacan = createPlace(place("Coyoacán " + tag, "DISTRICT", city, 19.3467, -99.1617,
                "Coyoacan " + tag));

        // the alternate name without the accent finds Coyoacán
        given().queryParam("name", "COYOACAN " + tag).get("/places").then().statusCode(200)
                .body("total", is(1)).body("items[0].id", equalTo(coyoacan));
        given().queryParam("name", "ciudad de méxico " + tag).get("/places").then()
                .body("total", is(1)).body("items[0].name", equalTo("Mexico City " + tag));
        // by name, in pages
        given().queryParam("name", tag).queryParam("size", 2).get("/places").then()
                .body("total", is(3)).body("items", hasSize(2))
                .body("items[0].name", equalTo("Coyoacán " + tag));
        given().queryParam("name", tag).queryParam("size", 2).queryParam("page", 1).get("/places").then()
                .body("total", is(3)).body("items", hasSize(1))
                .body("items[0].name", startsWith("Mexico"));
        given().queryParam("name", tag).queryParam("type", "CITY").get("/places").then()
                .body("total", is(1)).body("items[0].id", equalTo(city));
        given().queryParam("parentPlaceId", country).get("/places").then()
                .body("total", is(1)).body("items[0].id", equalTo(city));
        // a name with LIKE wildcards matches them literally
        given().queryParam("name", "%" + tag).get("/places").then().body("total", is(0));
    }

    @Test
    void listsThePlacesDirectlyInsideAPlace() {
        Coyoacan places = Coyoacan.create();
        String sanAngel = createPlace(place(unique("San Ángel"), "DISTRICT", places.mexicoCity(), null, null));
        given().get("/places/" + places.mexicoCity() + "/children").then().statusCode(200)
                .body("total", is(2))
                .body("items.id", containsInAnyOrder(places.coyoacan(), sanAngel))
                // only directly inside: the house is inside Coyoacán
                .body("items.id", not(hasItem(places.house())));
        given().get("/places/" + places.house() + "/children").then().statusCode(200).body("total", is(0));
        given().get("/places/" + UUID.randomUUID() + "/children").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void rejectsALatitudeOutOfRangeNamingItAndWritesNothing() {
        String name = unique("Coyoacán");
        given().contentType(ContentType.JSON).body(place(name, "DISTRICT", null, 91.0, -99.1617)).post("/places")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("latitude"))
                .body("errors[0].reason", equalTo("must be between -90 and 90"));
        given().contentType(ContentType.JSON).body(place(name, "DISTRICT", null, 19.3467, -181.0)).post("/places")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("longitude"))
                .body("errors[0].reason", equalTo("must be between -180 and 180"));
        given().queryParam("name", name).get("/places").then().body("total", is(0));
    }

    @Test
    void rejectsALatitudeWithoutALongitude() {
        String name = unique("Lausanne");
        given().contentType(ContentType.JSON).body(place(name, "CITY", null, 46.5197, null)).post("/places")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("coordinatePair"))
                .body("errors[0].reason", equalTo("latitude and longitude go together"));
        given().queryParam("name", name).get("/places").then().body("total", is(0));
    }

    @Test
    void aPlaceWhoseTypeTheSourcesDoNotGiveIsRecordedWithoutOne() {
        String id = createPlace(place("Santa Rosa " + UUID.randomUUID(), null, null, 19.2, -99.3));
        given().get("/places/" + id).then().statusCode(200).body("type", nullValue()).body("latitude", is(19.2f));
    }

    @Test
    void rejectsAnUnknownTypeListingTheAllowedOnes() {
        given().contentType(ContentType.JSON).body(place("Yanovka", "DISTRIC", null, null, null)).post("/places")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", containsString("'DISTRIC'"))
                .body("errors[0].reason", containsString("closest: DISTRICT"));
        given().queryParam("type", "BUILDINGS").get("/places").then().statusCode(400)
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].reason", containsString("closest: BUILDING"));
        given().queryParam("parentPlaceId", "mexico").get("/places").then().statusCode(400)
                .body("errors[0].field", equalTo("parentPlaceId"));
    }

    @Test
    void rejectsOversizedTextBlankNamesAndUnknownFields() {
        Map<String, Object> body = place("x".repeat(301), "CITY", null, null, null, " ");
        body.put("description", "x".repeat(10_001));
        given().contentType(ContentType.JSON).body(body).post("/places").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("name", "alternateNames[0]", "description"));
        Map<String, Object> unknown = place("Paris", "CITY", null, null, null);
        unknown.put("country", "France");
        given().contentType(ContentType.JSON).body(unknown).post("/places").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("country"))
                .body("errors[0].reason", containsString("parentPlaceId"));
    }

    @Test
    void refusesAParentThatIsMissingOrAnEventAndWritesNothing() {
        String id = UUID.randomUUID().toString();
        UUID nowhere = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(place("Paris", "CITY", nowhere.toString(), null, null))
                .put("/places/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("parentPlaceId"))
                .body("errors[0].reason", equalTo("no place with id " + nowhere));
        String attack = createEvent(event("Armed attack on Trotsky's house in Coyoacán", "ATTACK", "1940-05-24"));
        given().contentType(ContentType.JSON).body(place("Paris", "CITY", attack, null, null)).put("/places/" + id)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("parentPlaceId"))
                .body("errors[0].reason", equalTo(attack + " is an event, not a place"));
        given().get("/places/" + id).then().statusCode(404);
    }

    @Test
    void refusesAParentChainThatWouldLoop() {
        Coyoacan places = Coyoacan.create();
        given().contentType(ContentType.JSON).body(place("Mexico", "COUNTRY", places.house(), null, null))
                .header("If-Match", "\"0\"").put("/places/" + places.mexico())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("parentPlaceId"))
                .body("errors[0].reason", containsString("its own ancestor"))
                .body("errors[0].reason", containsString("'Trotsky's house in Coyoacán' → 'Coyoacán'"));
        given().contentType(ContentType.JSON).body(place("Mexico", "COUNTRY", places.mexico(), null, null))
                .header("If-Match", "\"0\"").put("/places/" + places.mexico())
                .then().statusCode(400).body("errors[0].reason", equalTo("a place cannot be inside itself"));
        given().get("/places/" + places.mexico()).then().header("ETag", "\"0\"").body("parentPlaceId", nullValue());
    }

    @Test
    void refusesToDeleteAPlaceThatEventsOrPlacesReferenceNamingThem() {
        Coyoacan places = Coyoacan.create();
        Map<String, Object> body = event("Assassination of Leon Trotsky", "ASSASSINATION", "1940-08-20");
        body.put("placeId", places.coyoacan());
        String assassination = createEvent(body);

        given().header("If-Match", "\"0\"").delete("/places/" + places.coyoacan())
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", is(409))
                .body("detail", containsString("'Coyoacán'"))
                .body("detail", containsString("1 event 'Assassination of Leon Trotsky' (" + assassination + ")"))
                .body("detail", containsString("1 place 'Trotsky's house in Coyoacán' (" + places.house() + ")"));
        given().get("/places/" + places.coyoacan()).then().statusCode(200);

        // once nothing references it, it can go
        given().header("If-Match", "\"0\"").delete("/places/" + places.house()).then().statusCode(204);
        body.remove("placeId");
        given().contentType(ContentType.JSON).body(body).header("If-Match", "\"0\"").put("/events/" + assassination)
                .then().statusCode(200);
        given().header("If-Match", "\"0\"").delete("/places/" + places.coyoacan()).then().statusCode(204);
        given().get("/places/" + places.coyoacan()).then().statusCode(404);
    }

    @Test
    void changingOrDeletingRequiresTheCurrentVersion() {
        String id = createPlace(place(unique("Petrograd"), "CITY", null, 59.9343, 30.3351));
        Map<String, Object> renamed = place("Petrograd", "CITY", null, 59.9343, 30.3351, "Saint Petersburg",
                "Leningrad");
        given().contentType(ContentType.JSON).body(renamed).put("/places/" + id)
                .then().statusCode(428).contentType("application/problem+json").header("ETag", "\"0\"");
        given().delete("/places/" + id).then().statusCode(428);
        given().contentType(ContentType.JSON).body(renamed).header("If-Match", "\"0\"").put("/places/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("alternateNames", contains("Saint Petersburg",
                        "Leningrad"));
        // an identical replace changes nothing
        given().contentType(ContentType.JSON).body(renamed).header("If-Match", "\"1\"").put("/places/" + id)
                .then().statusCode(200).header("ETag", "\"1\"");
        // a writer who read version 0 must not overwrite the change
        given().contentType(ContentType.JSON).body(place("Leningrad", "CITY", null, null, null))
                .header("If-Match", "\"0\"").put("/places/" + id)
                .then().statusCode(412).contentType("application/problem+json").header("ETag", "\"1\"");
        given().header("If-Match", "\"0\"").delete("/places/" + id).then().statusCode(412);
        given().get("/places/" + id).then().body("name", equalTo("Petrograd"));
        given().header("If-Match", "\"1\"").delete("/places/" + id).then().statusCode(204);
        given().get("/places/" + id).then().statusCode(404).contentType("application/problem+json");
        given().delete("/places/" + id).then().statusCode(404);
    }

    @Test
    void putCreatesUnderAGivenId() {
        String id = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(place(unique("River Seine"), "RIVER", null, null, null, "La Seine"))
                .put("/places/" + id)
                .then().statusCode(201).header("Location", startsWith("http")).header("Location", containsString(id))
                .body("id", equalTo(id)).body("version", is(0)).body("latitude", nullValue());
    }

    @Test
    void revisionsSayWhoChangedWhatAndWhen() {
        String id = given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Natalia"))
                .body(place(unique("Yanovka"), "OTHER", null, null, null)).post("/places")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Authorization", TestTokens.archivist("Esteban")).header("If-Match", "\"0\"")
                .body(place("Yanovka", "OTHER", null, null, null, "Bereslavka")).put("/places/" + id)
                .then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/places/" + id).then().statusCode(204);

        given().get("/places/" + id + "/revisions").then().statusCode(200)
                .body("change", contains("CREATED", "UPDATED", "DELETED"))
                .body("author", contains("Natalia", "Esteban", "test-archivist"))
                .body("[1].changed", containsInAnyOrder("name", "alternateNames"))
                .body("[1].state.alternateNames", contains("Bereslavka"))
                .body("[2].state", nullValue());
        given().get("/places/" + UUID.randomUUID() + "/revisions").then().statusCode(404);
    }
}
