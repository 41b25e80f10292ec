package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.memoria.people.Fixtures.unique;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Partial update with JSON Merge Patch (RFC 7396), as every owned collection answers it (the shared
 * {@code OwnedEntityResource}): what the patch names changes, the rest stays; {@code null} removes; it needs the
 * current ETag; a patch that breaks a rule is refused naming the field, and nothing is written.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "people"))
class MergePatchTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private String createTrotsky(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("preferredName", name,
                "names", new Object[] { Map.of("name", "Lev Davidovich Bronstein", "type", "BIRTH") },
                "birthDate", "1879-11-07", "deathDate", "1940-08-21", "description", "Revolutionary"))
                .post("/people").then().statusCode(201).extract().header("Location");
    }

    @Test
    void changesOnlyWhatThePatchNamesAndNullRemoves() {
        String name = unique("Leon Trotsky");
        String person = createTrotsky(name);

        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                .body("{\"birthDate\": \"1879-11-07?\", \"description\": null}")
                .patch(person).then().statusCode(200).header("ETag", "\"1\"")
                .body("version", is(1))
                .body("preferredName", equalTo(name))
                .body("names.name", contains("Lev Davidovich Bronstein"))
                .body("birth.edtf", equalTo("1879-11-07?"))
                .body("death.edtf", equalTo("1940-08-21"))
                .body("description", nullValue());

        // an array is replaced whole
        given().contentType(MERGE_PATCH).header("If-Match", "\"1\"")
                .body("{\"names\": [{\"name\": \"Lev Bronstein\", \"type\": \"ALIAS\"}]}")
                .patch(person).then().statusCode(200).body("names.name", contains("Lev Bronstein"));

        // the same patch again changes nothing and keeps the version
        given().contentType(MERGE_PATCH).header("If-Match", "\"2\"")
                .body("{\"names\": [{\"name\": \"Lev Bronstein\", \"type\": \"ALIAS\"}]}")
                .patch(person).then().statusCode(200).header("ETag", "\"2\"");

        given().get(person + "/revisions").then().statusCode(200).body("", hasSize(3))
                .body("[1].changed", contains("birth", "description"));
    }

    @Test
    void needsTheCurrentEtagAndNamesWhatIsWrong() {
        String person = createTrotsky(unique("Leon Trotsky"));

        given().contentType(MERGE_PATCH).body("{\"description\": \"x\"}").patch(person).then().statusCode(428)
                .contentType("application/problem+json");
        given().contentType(MERGE_PATCH).header("If-Match", "\"7\"").body("{\"description\": \"x\"}").patch(person)
                .then().statusCode(412).contentType("application/problem+json");

        // a value of the wrong type, an unknown member, a required member removed: named, and nothing written
        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("{\"birthDate\": 1879, \"nickname\": \"x\"}")
                .patch(person).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("birthDate")).body("errors.field", hasItem("nickname"));
        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("{\"preferredName\": null}")
                .patch(person).then().statusCode(400).body("errors.field", hasItem("preferredName"));
        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("[{\"op\": \"remove\"}]")
                .patch(person).then().statusCode(400).contentType("application/problem+json");
        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("{\"birthDate\": \"1879-13\"}")
                .patch(person).then().statusCode(400).body("errors.field", hasItem("birthDate"));
        given().get(person).then().statusCode(200).header("ETag", "\"0\"").body("description", equalTo("Revolutionary"));

        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("{}").patch("/people/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aDeleteAskedForAsAProblemOnlyIsServed() {
        // a generated client asks for what the document lists for an operation; for a delete that is only problem+json
        String person = createTrotsky(unique("Leon Trotsky"));
        given().accept("application/problem+json").header("If-Match", "\"0\"").delete(person).then().statusCode(204);
        given().accept("application/problem+json").header("If-Match", "\"0\"").delete(person).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
