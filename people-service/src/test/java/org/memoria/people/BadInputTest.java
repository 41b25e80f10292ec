package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.memoria.people.Fixtures.organisation;
import static org.memoria.people.Fixtures.person;
import static org.memoria.people.Fixtures.unique;

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
import io.restassured.http.ContentType;

/**
 * Bad input, class by class, field by field: each write of this service with each bad value its OpenAPI schema
 * admits is a 400 problem naming the field, and stores nothing; so is every bad path or query parameter of every
 * operation ({@link BadInputChecks}, shared by the owners; this class says which bodies are valid here).
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "people"))
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BadInputChecks checks() {
        return new BadInputChecks(RestAssured.baseURI + ":" + RestAssured.port, TestTokens.archivist("bad-input"));
    }

    /** Each write with a valid body: {person} and {organisation} stand for entities the test records first. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        # collection  | schema            | a valid body
        people        | PersonInput       | `{"preferredName": "Ramón Mercader", "names": [{"name": "Jacques Mornard", "type": "ALIAS", "period": "1938/1940-08-20", "sourceId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a"}], "birthDate": "1913-02-07", "birthPlaceId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5b", "deathDate": "1978-10-18", "deathPlaceId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5c", "description": "GPU agent", "identifiers": {"wikidata": "Q310943", "viaf": "100177658", "gnd": "118623761"}}`
        organisations | OrganisationInput | `{"preferredName": "Socialist Workers Party", "names": [{"name": "SWP", "type": "ALIAS", "period": "1938/..", "sourceId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a"}], "type": "POLITICAL_PARTY", "founded": "1938-01", "dissolved": "2024", "description": "Trotskyist party", "identifiers": {"wikidata": "Q1330208"}}`
        memberships   | MembershipInput   | `{"personId": "{person}", "organisationId": "{organisation}", "role": "head of security", "period": "1937/1940", "sourceId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a"}`
        relations     | RelationInput     | `{"fromPersonId": "{person}", "type": "LIAISON", "toPersonId": "{person2}", "period": "1938/1940-08-20", "note": "introduced in Paris", "sourceId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a"}`
        """)
    void everyBadBodyIsA400NamingTheFieldAndStoresNothing(String collection, String schema, String valid)
            throws Exception {
        String body = valid.replace("{person}", person(unique("Sylvia Ageloff")))
                .replace("{person2}", person(unique("Ramón Mercader")))
                .replace("{organisation}", organisation(unique("GPU"), "INTELLIGENCE_SERVICE"));
        checks().everyBadBodyIsA400NamingTheFieldAndStoresNothing(collection, schema, JSON.readTree(body));
    }

    @Test
    void anErrorQuotesAtMostAnExcerptOfTheBody() {
        String huge = "ALIAS".repeat(100_000); // half a megabyte
        String answer = given().contentType(ContentType.JSON)
                .body("{\"preferredName\": \"x\", \"names\": [{\"name\": \"n\", \"type\": \"" + huge + "\"}]}")
                .post("/people").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("names[0].type"))
                .body("errors[0].reason", org.hamcrest.Matchers.startsWith("'" + huge.substring(0, 60) + "…' is not a code"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(answer.length() < 1_000, answer.length() + " characters");
    }

    @Test
    void everyBadParameterIsA400NamingIt() {
        // an admin's token: the vocabularies' writes are the admin's, and a parameter is checked after the role
        new BadInputChecks(RestAssured.baseURI + ":" + RestAssured.port, TestTokens.admin("bad-input"))
                .everyBadParameterIsA400NamingIt();
    }
}
