package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * Uploading an import (docs/import.md): each line checked as it is read and rejected alone with its line number,
 * a dry run, who sees a job, cancelling; the upload's own size limit (12 MiB in the test profile) beside every other
 * body's (1 MiB), the JSON document form, and that a failed upload leaves no job. The owners do not run here: what the worker writes is tested on the real
 * stack (ArchiveEndToEndIT).
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class ImportsTest {

    private static final String NDJSON = "application/x-ndjson";
    private static final int MIB = 1024 * 1024;

    @Inject
    DataSource dataSource;
    @Inject
    org.memoria.gateway.imports.StaleUploads staleUploads;

    private static ValidatableResponse upload(String token, String query, String file) {
        return upload(token, query, file.getBytes(StandardCharsets.UTF_8));
    }

    private static ValidatableResponse upload(String token, String query, byte[] file) {
        return given().header("Authorization", token).contentType(NDJSON).body(file).post("/api/imports" + query)
                .then();
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

    // ---- sizes ----------------------------------------------------------------------------------------------------

    /** The records, then lines of spaces (blank: skipped, but counted) until the file has at least {@code mib} MiB. */
    private static byte[] padded(int mib, String... records) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (String r : records) {
            file.writeBytes((r + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] blank = (" ".repeat(60_000) + "\n").getBytes(StandardCharsets.US_ASCII);
        while (file.size() < mib * MIB) {
            file.writeBytes(blank);
        }
        return file.toByteArray();
    }

    private static final String PLACE = "{\"kind\":\"place\",\"key\":\"far\",\"data\":{\"name\":\"Coyoacán\"}}";
    private static final String PERSON = "{\"kind\":\"person\",\"key\":\"big\",\"data\":{\"preferredName\":\"Ramón\"}}";

    @Test
    void anNdjsonUploadBeyondTheRequestBodyLimitIsImportedDeclaredOrStreamed() throws Exception {
        byte[] file = padded(11, PLACE, PERSON);
        // declared: Content-Length 11 MiB, beyond every other route's 1 MiB (and Quarkus's default 10 MiB)
        upload(TestTokens.archivist("Big"), "?dryRun=true", file).statusCode(202).body("state", equalTo("DONE"))
                .body("read", equalTo(2)).body("rejected", equalTo(0));
        // streamed: chunked, no Content-Length
        HttpResponse<String> streamed = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/imports?dryRun=true")).header("Authorization", TestTokens.archivist("Big"))
                        .header("Content-Type", NDJSON)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(file))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, streamed.statusCode(), streamed.body());
        assertTrue(streamed.body().contains("\"read\":2"), streamed.body());
    }

    @Test
    void everyOtherBodyIsHeldToTheRequestBodyLimitDeclaredOrStreamed() throws Exception {
        String token = TestTokens.archivist("Big");
        for (String head : new String[] {
                "POST /api/people HTTP/1.1\nContent-Type: application/json",
                "POST /api/imports HTTP/1.1\nContent-Type: application/json" }) { // an import as one JSON document
            RawHttp.Answer declared = RawHttp.send(RestAssured.port, head + "\nAuthorization: " + token
                    + "\nContent-Length: " + (11 * MIB), new byte[0]);
            assertEquals(413, declared.status(), declared::toString);
            assertTrue(declared.contentType().startsWith("application/problem+json"), declared::toString);
            assertTrue(declared.text().contains("at most 1048576 (1 MiB)"), declared::toString);
        }
        // a chunked body is cut off at the limit: read no further than that, never buffered whole
        AtomicLong sent = new AtomicLong();
        RawHttp.Answer streamed = RawHttp.sendChunked(RestAssured.port, "POST /api/people HTTP/1.1\nContent-Type: "
                + "application/json\nAuthorization: " + token, " ".repeat(8192).getBytes(StandardCharsets.US_ASCII),
                11 * MIB / 8192, sent);
        assertEquals(413, streamed.status(), streamed::toString);
    }

    @Test
    void anUploadBeyondItsOwnLimitIsRefusedNamingItAndLeavesNoJob() throws Exception {
        String name = "Too Big " + UUID.randomUUID();
        String token = TestTokens.archivist(name);
        RawHttp.Answer declared = RawHttp.send(RestAssured.port, "POST /api/imports HTTP/1.1\nContent-Type: " + NDJSON
                + "\nAuthorization: " + token + "\nContent-Length: " + (13 * MIB), new byte[0]);
        assertEquals(413, declared.status(), declared::toString);
        assertTrue(declared.text().contains("at most 12582912 (12 MiB)"), declared::toString);

        // streamed: 2,000-odd records (two chunks committed) before the body passes 12 MiB; then nothing is left
        StringBuilder records = new StringBuilder();
        for (int i = 0; records.length() < 512 * 1024; i++) {
            records.append("{\"kind\":\"person\",\"key\":\"p").append(UUID.randomUUID())
                    .append("\",\"data\":{\"preferredName\":\"P\",\"description\":\"").append("x".repeat(5_000))
                    .append("\"}}\n");
        }
        byte[] chunk = records.toString().getBytes(StandardCharsets.UTF_8); // the same keys again: repeats, rejected
        AtomicLong sent = new AtomicLong();
        RawHttp.Answer streamed = RawHttp.sendChunked(RestAssured.port, "POST /api/imports HTTP/1.1\nContent-Type: "
                + NDJSON + "\nAuthorization: " + token, chunk, 13 * MIB / chunk.length + 1, sent);
        assertEquals(413, streamed.status(), streamed::toString);
        assertTrue(streamed.contentType().startsWith("application/problem+json"), streamed::toString);
        assertTrue(streamed.text().contains("memoria.imports.max-upload-size") && streamed.text().contains("12 MiB"),
                streamed::toString);
        assertEquals(0, jobsOf(name), "the failed upload's job is deleted");
    }

    @Test
    void tooManyLinesIsA413AndLeavesNoJob() throws Exception {
        String name = "Many Lines " + UUID.randomUUID();
        byte[] file = (PLACE + "\n" + "\n".repeat(org.memoria.gateway.imports.ImportJobs.MAX_LINES)).getBytes(StandardCharsets.UTF_8);
        upload(TestTokens.archivist(name), "", file).statusCode(413).contentType(endsWith("problem+json"))
                .body("detail", containsString("at most 1000000 records"));
        assertEquals(0, jobsOf(name));
    }

    @Test
    void aKeyRepeatedAnywhereInALargeFileIsRejectedNamingItsFirstLine() {
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 2_500; i++) {
            file.append("{\"kind\":\"person\",\"key\":\"k").append(i).append("\",\"data\":{\"preferredName\":\"P")
                    .append(i).append("\"}}\n");
            if (i == 10) { // at once, in the same batch
                file.append("{\"kind\":\"person\",\"key\":\"k10\",\"data\":{\"preferredName\":\"again\"}}\n");
            }
        }
        // chunks later: the key of line 3, and one of another kind that is no repeat
        file.append("{\"kind\":\"person\",\"key\":\"k3\",\"data\":{\"preferredName\":\"again\"}}\n");
        file.append("{\"kind\":\"place\",\"key\":\"k3\",\"data\":{\"name\":\"Somewhere\"}}\n");
        upload(TestTokens.archivist("Ines"), "?dryRun=true", file.toString()).statusCode(202)
                .body("read", equalTo(2_503)).body("rejected", equalTo(2))
                .body("rejections.line", contains(11, 2_502))
                .body("rejections.reason", contains("repeats the key of the person on line 10",
                        "repeats the key of the person on line 3"));
    }

    // ---- the JSON document form -----------------------------------------------------------------------------------

    private static ValidatableResponse document(String token, String query, String body) {
        return given().header("Authorization", token).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/imports" + query).then();
    }

    @Test
    void aJsonDocumentIsImportedLikeAFileItsRecordsNumberedByPosition() {
        String body = "{\"records\": [" + PLACE + ", 17, " + PERSON + ", "
                + "{\"kind\":\"place\",\"key\":\"far\",\"data\":{\"name\":\"Again\"}}, "
                + "{\"kind\":\"event\",\"key\":\"e\",\"data\":{\"title\":\"Raid\",\"placeId\":{\"key\":\"far\"},"
                + "\"notes\":{\"key\":\"far\"}}}]}";
        document(TestTokens.archivist("Ines"), "?dryRun=true", body).statusCode(202).body("state", equalTo("DONE"))
                .body("read", equalTo(5)).body("rejected", equalTo(3)).body("kinds.place.read", equalTo(2))
                .body("rejections.line", contains(2, 4, 5))
                .body("rejections[0].reason", containsString("must be a JSON object"))
                .body("rejections[1].reason", equalTo("repeats the key of the place on line 1"))
                .body("rejections[2].field", equalTo("data.notes"));
        String id = document(TestTokens.archivist("Ines"), "", "{\"records\": [" + PLACE + "]}").statusCode(202)
                .body("state", oneOf("QUEUED", "RUNNING")).body("pending", equalTo(1)).extract().path("id");
        given().header("Authorization", TestTokens.archivist("Ines")).delete("/api/imports/" + id).then()
                .statusCode(200);
    }

    @Test
    void aJsonBodyThatIsNoImportDocumentIsA400NamingTheFieldAndLeavesNoJob() throws Exception {
        String name = "Bad Document " + UUID.randomUUID();
        String token = TestTokens.archivist(name);
        String[][] cases = {
                { "[]", "records" },
                { "{}", "records" },
                { "{\"records\": 5}", "records" },
                { "{\"records\": [" + PLACE + "], \"version\": 1}", "version" },
                { "{\"records\": [" + PLACE + ", {\"kind\": ", "records[1]" },
                { "{\"records\": [" + PLACE + "]} trailing", "records" },
                { "not json", "records" } };
        for (String[] c : cases) {
            document(token, "", c[0]).statusCode(400).contentType(endsWith("problem+json"))
                    .body("errors[0].field", equalTo(c[1]));
        }
        assertEquals(0, jobsOf(name));
    }

    // ---- UPLOADING ------------------------------------------------------------------------------------------------

    @Test
    void anUploadingJobIsNeverTakenByTheWorkerAndIsSweptAfterTheLease() throws Exception {
        UUID stale = UUID.randomUUID();
        UUID live = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into import_job (id, created_by, namespace, dry_run, state, heartbeat)
                values (?, 'sweep', 'archive', false, 'UPLOADING', now() - interval '10 minutes'),
                       (?, 'sweep', 'archive', false, 'UPLOADING', now())""")) {
            s.setObject(1, stale);
            s.setObject(2, live);
            s.executeUpdate();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into import_record (job_id, line, kind, key, id, body, status)
                values (?, 1, 'place', 'p', ?, '{"name":"Nowhere"}', 'PENDING')""")) {
            s.setObject(1, live);
            s.setObject(2, UUID.randomUUID());
            s.executeUpdate();
        }
        // the worker (polling every 100 ms here) leaves it alone
        org.awaitility.Awaitility.await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> "UPLOADING".equals(state(live)));
        // the gateway's own sweeper may have taken the stale job already; either way it is gone after a sweep
        staleUploads.sweep(Duration.ofMinutes(1));
        assertEquals(null, state(stale));
        assertEquals("UPLOADING", state(live));
        given().header("Authorization", TestTokens.admin("Ada")).delete("/api/imports/" + live).then()
                .statusCode(200).body("state", equalTo("CANCELLED"));
    }

    private String state(UUID job) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select state from import_job where id = ?")) {
            s.setObject(1, job);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The jobs this archivist has in the database, whatever their state. */
    private int jobsOf(String subject) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from import_job where created_by = ?")) {
            s.setString(1, subject);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
