package org.memoria.sources;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.SampleLoader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The sample archive's sources, citations and claims (deploy/local's sample files, as they are in the work tree) load
 * into this service through its API as the sample loader sends them, and the claims derive the statuses the
 * archive tells of.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sources"))
class SampleArchiveTest {

    private static String id(String key) {
        return SampleLoader.idOf(key).toString();
    }

    @Test
    void theSampleSourcesCitationsAndClaimsLoadAndDeriveTheirStatuses() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> errors = new ArrayList<>();
        int written = 0;
        for (String collection : List.of("sources", "citations", "claims")) {
            for (JsonNode entry : SampleLoader.entries(collection)) {
                String key = entry.path("key").asText();
                var response = given().contentType(ContentType.JSON).body(json.writeValueAsString(SampleLoader.body(entry, true)))
                        .header("If-None-Match", "*").put("/" + collection + "/" + id(key));
                if (response.statusCode() != 201) {
                    errors.add(collection + "/" + key + ": " + response.statusCode() + " " + response.asString());
                }
                written++;
            }
        }
        assertEquals(List.of(), errors);
        assertTrue(written > 40, "the sample has " + written + " entries");

        given().get("/claims/" + id("claim-harte-gpu-agent")).then().statusCode(200)
                .body("status", equalTo("ESTABLISHED"))
                .body("history.status", contains("ASSERTED", "DISPUTED", "ESTABLISHED"))
                .body("history.asOf", contains("1975-05", "1975-06/..", "1992~"))
                .body("history.citationId", contains(id("cite-security-harte"), id("cite-desecrating-the-grave"),
                        id("cite-gpu-archives-harte")))
                .body("evidence[1].quote", equalTo("desecrating the grave of Robert Sheldon Harte"))
                .body("evidence[1].sourceTitle",
                        equalTo("Public statement accusing the ICFI of \"desecrating the grave of Robert Sheldon Harte\""));
        given().get("/claims/" + id("claim-may-24-self-assault")).then()
                .body("status", equalTo("REFUTED"))
                .body("history.status", contains("ASSERTED", "DISPUTED", "REFUTED"));
        given().get("/claims/" + id("claim-hansen-gpu-contact-1938")).then().body("status", equalTo("ESTABLISHED"));
        given().get("/claims/" + id("claim-sedov-murdered-by-gpu")).then().body("status", equalTo("ASSERTED"))
                .body("history", hasSize(1));
        // the trial records are named as a source, without a citation
        given().get("/claims/" + id("claim-franklin-gpu-agent")).then().body("status", equalTo("ESTABLISHED"))
                .body("evidence[0].citationId", nullValue())
                .body("evidence[0].sourceId", equalTo(id("espionage-trial-records")))
                .body("evidence[0].sourceDate.edtf", equalTo("1957/1962"))
                .body("history.sourceId", contains(id("espionage-trial-records")));
        given().queryParam("organisationAuthorId", id("icfi")).get("/sources").then()
                .body("items.title", contains("Security and the Fourth International"));
        given().get("/sources/" + id("stalin-seeks-my-death") + "/citations").then()
                .body("total", equalTo(4));
    }
}
