package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Uploading an import (docs/import.md): each line checked as it is read and rejected alone with its line number,
 * a dry run, who sees a job, cancelling. The owners do not run here: what the worker writes is tested on the real
 * stack (ArchiveEndToEndIT).
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class ImportsTest {

    private static final String NDJSON = "application/x-ndjson";

    private static ValidatableResponse upload(String token, String query, String file) {
        return given().header("Authorization", token).contentType(NDJSON).body(file.getBytes(StandardCharsets.UTF_8))
                .post("/api/imports" + query).then();
    }

    @Test
    void aDryRunReportsEveryBadLineWithItsNumberAndWritesNothing() {
        String file = String.join("\n",
                "{\"kind\":\"person\",\"key\":\"p1\",\"data\":{\"preferredName\":\"Sylvia Ageloff\"}}",
                "",
                "not json at all",
                "{\"kind\":\"dragon\",\"key\":\"d1\",\"data\":{}}",
                "{\"kind\":\"person\",\"data\":{\"preferredName\":\"No Key\"}}",
                "{\"kind\":\"person\",\"key\":\"p1\",\"data\":{\"preferredName\":\"Sylvia again\"}}",
                "{\"kind\":\"organisation\",\"key\":\"p1\",\"data\":{\"preferredName\":\"Same key, other kind\"}}",
                "{\"kind\":\"person\",\"key\":\"p2\",\"data\":{\"preferredName\":{\"key\":\"p1\"}}}",
                "{\"kind\":\"membership\",\"key\":\"m1\",\"data\":{\"personId\":{\"key\":\"p1\"},"
                        + "\"organisationId\":{\"key\":\"p1\"}}}",
                "{\"kind\":\"person\",\"key\":\"long\",\"data\":{\"description\":\"" + "x".repeat(70_000) + "\"}}",
                "{\"kind\":\"place\",\"key\":\"last\",\"data\":{\"name\":\"Coyoacán\"}}");
        String location = upload(TestTokens.archivist("Ines"), "?dryRun=true", file).statusCode(202)
                .header("Location", containsString("/api/imports/"))
                .body("state", equalTo("DONE")).body("dryRun", equalTo(true))
                .body("read", equalTo(10)).body("rejected", equalTo(6)).body("written", equalTo(0))
                .body("pending", equalTo(0)).body("startedAt", nullValue())
                .body("kinds.person.read", equalTo(4)).body("kinds.person.rejected", equalTo(3))
                .body("kinds.organisation.rejected", equalTo(0)).body("kinds.membership.rejected", equalTo(0))
                .body("rejections.line", contains(3, 4, 5, 6, 8, 10))
                .body("rejections[0].reason", containsString("not JSON"))
                .body("rejections[1].field", equalTo("kind"))
                .body("rejections[2].field", equalTo("key"))
                .body("rejections[3].key", equalTo("p1"))
                .body("rejections[3].reason", equalTo("repeats the key of the person on line 1"))
                .body("rejections[4].field", equalTo("data.preferredName"))
                .body("rejections[4].reason", containsString("cannot stand here"))
                .body("rejections[5].reason", equalTo("longer than 65536 bytes"))
                .extract().header("Location");
        String path = location.substring(location.indexOf("/api/imports/"));
        given().header("Authorization", TestTokens.archivist("Ines")).get(path).then().statusCode(200)
                .body("rejected", equalTo(6));
        given().header("Authorization", TestTokens.archivist("Ines")).queryParam("size", 4).queryParam("page", 1)
                .get(path + "/rejections").then().statusCode(200).body("total", equalTo(6))
                .body("items.line", contains(8, 10));
    }

    @Test
    void aPartnerSeesOnlyItsOwnImportsAndAReaderCannotImport() {
        String file = "{\"kind\":\"place\",\"key\":\"here\",\"data\":{\"name\":\"Ciudad de México\"}}\n";
        String id = upload(TestTokens.partner("p-import"), "?dryRun=true", file).statusCode(202)
                .extract().path("id");
        given().header("Authorization", TestTokens.partner("p-import")).get("/api/imports/" + id).then()
                .statusCode(200).body("read", equalTo(1));
        given().header("Authorization", TestTokens.partner("p-other")).get("/api/imports/" + id).then()
                .statusCode(404);
        given().header("Authorization", TestTokens.partner("p-other")).get("/api/imports/" + id + "/rejections")
                .then().statusCode(404);
        given().header("Authorization", TestTokens.partner("p-other")).delete("/api/imports/" + id).then()
                .statusCode(404);
        given().header("Authorization", TestTokens.archivist("Someone Else")).get("/api/imports/" + id).then()
                .statusCode(404);
        given().header("Authorization", TestTokens.admin("Ada")).get("/api/imports/" + id).then().statusCode(200);
        upload(TestTokens.reader("Rita"), "", file).statusCode(403);
        given().contentType(NDJSON).body(file.getBytes(StandardCharsets.UTF_8)).header("Authorization", TestTokens.ANONYMOUS).post("/api/imports")
                .then().statusCode(401);
        given().header("Authorization", TestTokens.archivist("Ines")).get("/api/imports/" + UUID.randomUUID())
                .then().statusCode(404).contentType(endsWith("problem+json"));
    }

    @Test
    void aBadDryRunValueIsAProblem() {
        upload(TestTokens.archivist("Ines"), "?dryRun=perhaps", "{}\n").statusCode(400)
                .contentType(endsWith("problem+json")).body("errors[0].field", equalTo("dryRun"));
    }

    @Test
    void anImportIsQueuedAndCanBeCancelled() {
        String file = "{\"kind\":\"place\",\"key\":\"there\",\"data\":{\"name\":\"Coyoacán\"}}\n"
                + "{\"kind\":\"event\",\"key\":\"e\",\"data\":{\"title\":\"Attack\",\"type\":\"ATTACK\","
                + "\"placeId\":{\"key\":\"there\"}}}\n";
        String id = upload(TestTokens.archivist("Ines"), "", file).statusCode(202)
                .body("state", oneOf("QUEUED", "RUNNING")).body("dryRun", equalTo(false)).body("read", equalTo(2))
                .extract().path("id");
        // the owners do not run here: the records stay pending until it is cancelled
        given().header("Authorization", TestTokens.archivist("Ines")).delete("/api/imports/" + id).then()
                .statusCode(200).body("state", equalTo("CANCELLED")).body("finishedAt", org.hamcrest.Matchers
                        .notNullValue()).body("pending", equalTo(2)).body("written", equalTo(0));
        given().header("Authorization", TestTokens.archivist("Ines")).get("/api/imports/" + id).then()
                .body("state", equalTo("CANCELLED")).body("rejections", hasSize(0));
    }
}
