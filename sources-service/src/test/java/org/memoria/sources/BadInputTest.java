package org.memoria.sources;

import static org.memoria.sources.Archive.citation;
import static org.memoria.sources.Archive.source;

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
        initArgs = @ResourceArg(name = "database", value = "sources"))
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BadInputChecks checks() {
        return new BadInputChecks(RestAssured.baseURI + ":" + RestAssured.port, TestTokens.archivist("bad-input"));
    }

    /** Each write with a valid body: {source} and {citation} stand for entities the test records first. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        # collection | schema        | a valid body
        sources      | SourceInput   | `{"type": "ARTICLE", "title": "Stalin Seeks My Death", "authorIds": ["0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a"], "organisationAuthorIds": ["0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5b"], "date": "1940-06-08", "publisher": "Mehring Books", "periodical": "Fourth International", "language": "en", "identifiers": {"url": "https://www.marxists.org/archive/trotsky/1940/06/stalin.htm", "isbn": "9781893638976", "doi": "10.1000/182", "archiveReference": "FBI file 100-HQ"}, "description": "Trotsky's account of the May raid"}`
        citations    | CitationInput | `{"sourceId": "{source}", "locator": "closing paragraphs", "quote": "The accidental failure of the assault is a serious blow to Stalin.", "about": [{"kind": "PERSON", "id": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a"}], "note": "his conclusion"}`
        claims       | ClaimInput    | `{"statement": "Robert Sheldon Harte was a GPU agent", "subjects": [{"kind": "PERSON", "id": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a"}], "evidence": [{"citationId": "{citation}", "stance": "SUPPORTS", "strength": "CONCLUSIVE", "note": "the archives name him"}]}`
        """)
    void everyBadBodyIsA400NamingTheFieldAndStoresNothing(String collection, String schema, String valid)
            throws Exception {
        String sourceId = source("BOOK", "The Mexican Earth", "1940");
        String body = valid.replace("{source}", sourceId)
                .replace("{citation}", citation(sourceId, "p. 1", "A passage"));
        checks().everyBadBodyIsA400NamingTheFieldAndStoresNothing(collection, schema, JSON.readTree(body));
    }

    @Test
    void everyBadParameterIsA400NamingIt() {
        // an admin's token: the vocabularies' writes are the admin's, and a parameter is checked after the role
        new BadInputChecks(RestAssured.baseURI + ":" + RestAssured.port, TestTokens.admin("bad-input"))
                .everyBadParameterIsA400NamingIt();
    }
}
