package org.memoria.events;

import static org.memoria.events.Fixtures.createEvent;
import static org.memoria.events.Fixtures.createPlace;
import static org.memoria.events.Fixtures.event;
import static org.memoria.events.Fixtures.place;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memoria.common.testing.BadInputChecks;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Bad input, class by class, field by field: each write of this service with each bad value its OpenAPI schema
 * admits is a 400 problem naming the field, and stores nothing; so is every bad path or query parameter of every
 * operation ({@link BadInputChecks}, shared by the owners; this class says which bodies are valid here).
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "events"))
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BadInputChecks checks() {
        return new BadInputChecks(RestAssured.baseURI + ":" + RestAssured.port, TestTokens.archivist("bad-input"));
    }

    /** Each write with a valid body: {place} and {event} stand for entities the test records first. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        # collection | schema     | a valid body
        places       | PlaceInput | `{"name": "Coyoacán", "alternateNames": ["Coyoacan"], "type": "DISTRICT", "latitude": 19.3467, "longitude": -99.1617, "parentPlaceId": "{place}", "description": "A borough of Mexico City"}`
        events       | EventInput | `{"title": "Armed attack on Trotsky's house", "type": "ATTACK", "date": "1940-05-24", "placeId": "{place}", "placeName": "Coyoacán", "description": "The May raid", "parentEventId": "{event}", "participants": [{"personId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a", "role": "ORGANISER", "note": "led the raid"}]}`
        """)
    void everyBadBodyIsA400NamingTheFieldAndStoresNothing(String collection, String schema, String valid)
            throws Exception {
        String body = valid.replace("{place}", createPlace(place("Mexico City", "CITY", null, null, null)))
                .replace("{event}", createEvent(event("Attempts on Trotsky's life", "ATTACK", "1940")));
        checks().everyBadBodyIsA400NamingTheFieldAndStoresNothing(collection, schema, JSON.readTree(body));
    }

    @Test
    void everyBadParameterIsA400NamingIt() {
        // an admin's token: the vocabularies' writes are the admin's, and a parameter is checked after the role
        new BadInputChecks(RestAssured.baseURI + ":" + RestAssured.port, TestTokens.admin("bad-input"))
                .everyBadParameterIsA400NamingIt();
    }
}
