package org.memoria.people;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

/** Writes the test data through the API, as an archivist would. */
final class Fixtures {

    private Fixtures() {
    }

    /** A name no other test uses, so that lists can be filtered to one test's data. */
    static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A JSON object from key-value pairs, in order (null values are sent as null). */
    static Map<String, Object> json(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** POSTs the body to the collection, expects 201, and answers the new id. */
    static String create(String collection, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/" + collection)
                .then().statusCode(201).extract().path("id");
    }

    static String person(String preferredName) {
        return create("people", json("preferredName", preferredName));
    }

    static String organisation(String preferredName, String type) {
        return create("organisations", json("preferredName", preferredName, "type", type));
    }

    static String membership(String personId, String organisationId, String role, String period) {
        return create("memberships", json("personId", personId, "organisationId", organisationId, "role", role,
                "period", period));
    }

    static String relation(String fromPersonId, String type, String toPersonId, String period) {
        return create("relations", json("fromPersonId", fromPersonId, "type", type, "toPersonId", toPersonId,
                "period", period));
    }
}
