package org.memoria.events;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

/** Request bodies and writes the tests share. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * Every item of a list, page after page: an assertion about what a filter leaves out must look at all of it, not
     * at one page of a database that every test writes to.
     */
    static List<Map<String, Object>> allItems(String path, Map<String, ?> filters) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int page = 0;; page++) {
            var body = given().queryParams(filters).queryParam("size", 100).queryParam("page", page).get(path)
                    .then().statusCode(200).extract().jsonPath();
            items.addAll(body.getList("items"));
            if ((long) (page + 1) * 100 >= body.getLong("total")) {
                return items;
            }
        }
    }

    static Map<String, Object> person(UUID personId, String role) {
        return Map.of("personId", personId.toString(), "role", role);
    }

    static Map<String, Object> organisation(UUID organisationId, String role, String note) {
        return Map.of("organisationId", organisationId.toString(), "role", role, "note", note);
    }

    /** An event body; a null date is left out. */
    static Map<String, Object> event(String title, String type, String date, Object... participants) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("type", type);
        if (date != null) {
            body.put("date", date);
        }
        body.put("participants", List.of(participants));
        return body;
    }

    /** A place body; null parent and coordinates are left out. */
    static Map<String, Object> place(String name, String type, String parentPlaceId, Double latitude,
            Double longitude, String... alternateNames) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", type);
        body.put("alternateNames", List.of(alternateNames));
        if (parentPlaceId != null) {
            body.put("parentPlaceId", parentPlaceId);
        }
        if (latitude != null) {
            body.put("latitude", latitude);
        }
        if (longitude != null) {
            body.put("longitude", longitude);
        }
        return body;
    }

    static String createEvent(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/events")
                .then().statusCode(201).extract().path("id");
    }

    static String createPlace(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/places")
                .then().statusCode(201).extract().path("id");
    }

    /** The places of the seed story, nested as they are: each test gets its own copies. */
    record Coyoacan(String mexico, String mexicoCity, String coyoacan, String house) {
        static Coyoacan create() {
            String mexico = createPlace(place("Mexico", "COUNTRY", null, null, null, "México"));
            String city = createPlace(place("Mexico City", "CITY", mexico, 19.4326, -99.1332, "Ciudad de México"));
            String coyoacan = createPlace(place("Coyoacán", "DISTRICT", city, 19.3467, -99.1617, "Coyoacan"));
            String house = createPlace(place("Trotsky's house in Coyoacán", "BUILDING", coyoacan, null, null,
                    "Museo Casa de León Trotsky"));
            return new Coyoacan(mexico, city, coyoacan, house);
        }
    }
}
