package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An event the read model cannot apply is set aside as a dead letter and never stops the projector: the events after
 * it (even in the same poll, on the same partition) are applied, and an admin sees, retries or discards it.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class DeadLettersTest extends PublishingTest {

    private static final Duration PROJECTED = Duration.ofSeconds(20);
    private static final String DEAD_LETTERS = "/api/admin/dead-letters";
    private static final String TOTAL = "memoria_projector_dead_letters_total";
    private static final String OPEN = "memoria_projector_dead_letters_open";

    private static PersonState person(UUID id, long version, String name) {
        return new PersonState(id, version, name, List.of(), "1879-11-07", null, null, null, null, null);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> unapplicable() {
        return Stream.of(
                Arguments.of("a name holding a NUL character",
                        (Function<UUID, byte[]>) id -> utf8(OwnerTopics.json(person(id, 0, "Leon\u0000Trotsky"))),
                        "U+0000 (NUL)"),
                Arguments.of("a name holding an unpaired surrogate",
                        (Function<UUID, byte[]>) id -> utf8(OwnerTopics.json(person(id, 0, "Leon LONE Trotsky"))
                                .replace("LONE", "\\ud800")),
                        "surrogate"),
                Arguments.of("a payload that is not JSON",
                        (Function<UUID, byte[]>) id -> utf8("{\"preferredName\": "),
                        "the payload cannot be read"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unapplicable")
    void anEventTheReadModelCannotApplyIsSetAsideAndTheEventsAfterItFlow(String what, Function<UUID, byte[]> payload,
            String reason) {
        double deadLettered = metric(TOTAL);
        UUID bad = UUID.randomUUID();
        UUID before = owners.idOnSamePartition(Topics.PEOPLE, bad);
        UUID after = owners.idOnSamePartition(Topics.PEOPLE, bad);
        byte[] value = payload.apply(bad);
        // one partition, one producer batch: the projector gets the three in one poll, the bad one in the middle
        owners.together(() -> {
            owners.changed(Topics.PEOPLE, "person", before, 0, person(before, 0, "Rudolf Klement"));
            owners.raw(Topics.PEOPLE, "person", bad, 0, value);
            owners.changed(Topics.PEOPLE, "person", after, 0, person(after, 0, "Erwin Wolf"));
        });

        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + after).then().statusCode(200)
                .body("preferredName", equalTo("Erwin Wolf")));
        given().get("/api/people/" + before).then().statusCode(200).body("preferredName", equalTo("Rudolf Klement"))
                .header("ETag", startsWith("\"0."));
        given().get("/api/people/" + bad).then().statusCode(404);

        // set aside in the transaction that moved past it: listed as soon as the event after it shows
        int id = asAdmin().queryParam("subject", bad.toString()).get(DEAD_LETTERS).then().statusCode(200)
                .body("total", is(1))
                .body("items[0].status", equalTo("OPEN"))
                .body("items[0].reason", containsString(reason))
                .body("items[0].topic", equalTo(Topics.PEOPLE))
                .body("items[0].type", equalTo("org.memoria.person.changed.v1"))
                .body("items[0].entityVersion", is(0))
                .body("items[0].attempts", is(1))
                .extract().path("items[0].id");
        asAdmin().get(DEAD_LETTERS + "/" + id).then().statusCode(200)
                .body("key", equalTo(bad.toString()))
                .body("subject", equalTo(bad.toString()))
                .body("headers.ce_type", equalTo("org.memoria.person.changed.v1"))
                .body("headers.ce_entityversion", equalTo("0"))
                .body("headers.ce_id", notNullValue())
                .body("valueBase64", equalTo(Base64.getEncoder().encodeToString(value)))
                .body("value", equalTo(new String(value, StandardCharsets.UTF_8)))
                .body("firstFailedAt", notNullValue());

        await().atMost(PROJECTED).untilAsserted(() -> assertTrue(metric(TOTAL) >= deadLettered + 1,
                TOTAL + " must count the dead letter"));
        assertTrue(metric(OPEN) >= 1, OPEN + " must count the open dead letter");
    }

    @Test
    void theMetricsCountDeadLettersAndTheOpenOnes() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("# TYPE memoria_projector_dead_letters counter"), metrics);
        assertTrue(metrics.contains("# TYPE " + OPEN + " gauge"), metrics);

        UUID bad = UUID.randomUUID();
        double open = metric(OPEN);
        publishBadThenAMarker(bad, utf8("not json"));
        assertEquals(open + 1, metric(OPEN), "the open gauge counts the new dead letter");
        assertEquals(openInAdminList(), metric(OPEN), "the gauge and the admin list agree");
        asAdmin().delete(DEAD_LETTERS + "/" + letterOf(bad)).then().statusCode(204);
        assertEquals(open, metric(OPEN), "a discarded dead letter is no longer open");
    }

    @Test
    void aRetryOfARecordThatStillCannotBeStoredCountsAnAttemptAndANewerVersionSupersedesIt() {
        UUID id = UUID.randomUUID();
        publishBadThenAMarker(id, utf8(OwnerTopics.json(person(id, 0, "Natalia\u0000Sedova"))));
        int letter = letterOf(id);

        asAdmin().post(DEAD_LETTERS + "/" + letter + "/retry").then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("attempts", is(2))
                .body("reason", containsString("U+0000 (NUL)"));
        given().get("/api/people/" + id).then().statusCode(404);

        // the owner publishes a later, valid version: the views show it, and the old event can never overwrite it
        owners.changed(Topics.PEOPLE, "person", id, 1, person(id, 1, "Natalia Sedova"));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + id).then().statusCode(200)
                .header("ETag", startsWith("\"1.")));
        double open = metric(OPEN);
        asAdmin().post(DEAD_LETTERS + "/" + letter + "/retry").then().statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("resolution", startsWith("superseded"))
                .body("closedAt", notNullValue());
        given().get("/api/people/" + id).then().statusCode(200).header("ETag", startsWith("\"1."))
                .body("preferredName", equalTo("Natalia Sedova"));
        assertEquals(open - 1, metric(OPEN));
        asAdmin().post(DEAD_LETTERS + "/" + letter + "/retry").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already resolved"));
    }

    @Test
    void aRetryAfterTheCauseWasFixedAppliesTheRecord() throws Exception {
        UUID id = UUID.randomUUID();
        String longName = "Lev Davidovich Bronstein ".repeat(90).strip();
        // the cause: a rule of the read model's schema that this record breaks (not checked on the rows already there)
        sql("alter table entity add constraint label_at_most_2000 check (length(label) <= 2000) not valid");
        try {
            publishBadThenAMarker(id, utf8(OwnerTopics.json(person(id, 0, longName))));
            int letter = letterOf(id);
            asAdmin().get(DEAD_LETTERS + "/" + letter).then().body("reason", containsString("label_at_most_2000"));

            sql("alter table entity drop constraint label_at_most_2000"); // the fix
            asAdmin().post(DEAD_LETTERS + "/" + letter + "/retry").then().statusCode(200)
                    .body("status", equalTo("RESOLVED"))
                    .body("resolution", equalTo("applied"))
                    .body("attempts", is(1));
            given().get("/api/people/" + id).then().statusCode(200).body("preferredName", equalTo(longName));
        } finally {
            sql("alter table entity drop constraint if exists label_at_most_2000");
        }
    }

    @Test
    void aDiscardedDeadLetterStaysListedButIsNoLongerOpen() {
        UUID id = UUID.randomUUID();
        publishBadThenAMarker(id, utf8("[1, 2"));
        int letter = letterOf(id);

        asAdmin().delete(DEAD_LETTERS + "/" + letter).then().statusCode(204);
        asAdmin().get(DEAD_LETTERS + "/" + letter).then().statusCode(200)
                .body("status", equalTo("DISCARDED")).body("closedAt", notNullValue());
        asAdmin().queryParam("subject", id.toString()).queryParam("status", "OPEN").get(DEAD_LETTERS).then()
                .body("total", is(0));
        asAdmin().queryParam("subject", id.toString()).queryParam("status", "DISCARDED").get(DEAD_LETTERS).then()
                .body("total", is(1));
        asAdmin().post(DEAD_LETTERS + "/" + letter + "/retry").then().statusCode(409);
        asAdmin().delete(DEAD_LETTERS + "/" + letter).then().statusCode(204);

        asAdmin().get(DEAD_LETTERS + "/999999999").then().statusCode(404).contentType("application/problem+json");
        asAdmin().post(DEAD_LETTERS + "/999999999/retry").then().statusCode(404);
        asAdmin().delete(DEAD_LETTERS + "/999999999").then().statusCode(404);
        asAdmin().queryParam("status", "LOST").get(DEAD_LETTERS).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
    }

    /** Publishes a bad record, then a valid one after it on the same partition, and waits for the valid one. */
    private void publishBadThenAMarker(UUID bad, byte[] value) {
        UUID marker = owners.idOnSamePartition(Topics.PEOPLE, bad);
        owners.raw(Topics.PEOPLE, "person", bad, 0, value);
        owners.changed(Topics.PEOPLE, "person", marker, 0, person(marker, 0, "marker"));
        await().atMost(PROJECTED).until(() -> given().get("/api/people/" + marker).statusCode() == 200);
    }

    private static int letterOf(UUID subject) {
        return asAdmin().queryParam("subject", subject.toString()).get(DEAD_LETTERS).then().statusCode(200)
                .body("total", is(1)).extract().path("items[0].id");
    }

    private static double openInAdminList() {
        return asAdmin().queryParam("status", "OPEN").get(DEAD_LETTERS).then().extract().<Integer> path("total");
    }


    private void sql(String statement) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The admin endpoints need the admin role. */
    private static io.restassured.specification.RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin("Root"));
    }
}
