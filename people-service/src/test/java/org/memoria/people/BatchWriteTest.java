package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.memoria.people.Fixtures.json;
import static org.memoria.people.Fixtures.organisation;
import static org.memoria.people.Fixtures.person;
import static org.memoria.people.Fixtures.unique;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;
import org.memoria.local.TopicProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code POST /<collection>/batch}: many records in one transaction, each answered and published alone. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "people"))
class BatchWriteTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    DataSource dataSource;

    @Test
    void eachRecordIsWrittenOrRefusedAloneAndPublishedAsIfWrittenAlone() {
        String kept = person(unique("Kept As Is"));
        String changedName = unique("Changed");
        String changed = person(unique("Before the batch"));
        String created = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        String dangling = UUID.randomUUID().toString();
        String keptName = given().get("/people/" + kept).then().extract().path("preferredName");
        UUID importId = UUID.randomUUID();

        given().contentType(ContentType.JSON).header("Memoria-Import", importId.toString()).body(List.of(
                Map.of("id", created, "data", json("preferredName", unique("Created"), "birthDate", "1896-12-29",
                        "names", List.of(json("name", "El Coronelazo", "type", "alias")))),
                Map.of("id", refused, "data", json("preferredName", " ", "birthDate", "1940-13", "nickname", "x")),
                Map.of("id", kept, "data", json("preferredName", keptName)),
                Map.of("id", changed, "data", json("preferredName", changedName))))
                .post("/people/batch").then().statusCode(200)
                .body("outcome", contains("CREATED", "REJECTED", "UNCHANGED", "REPLACED"))
                .body("version", contains(0, null, 0, 1))
                .body("[1].problem.status", equalTo(400))
                .body("[1].problem.errors.field", contains("birthDate", "nickname", "preferredName"))
                .body("[1].problem.detail", containsString("birthDate"));

        // stored as each PUT would store it: the code spelt as the vocabulary does, nothing of the refused one
        given().get("/people/" + created).then().statusCode(200).body("names[0].type", equalTo("ALIAS"));
        given().get("/people/" + refused).then().statusCode(404);
        given().get("/people/" + changed).then().statusCode(200).body("preferredName", equalTo(changedName))
                .header("ETag", "\"1\"");
        // the import is the source of the revisions it made, and only of those
        given().get("/people/" + created + "/revisions").then().statusCode(200)
                .body("importId", contains(importId.toString()));
        given().get("/people/" + changed + "/revisions").then().statusCode(200)
                .body("importId", contains(nullValue(), equalTo(importId.toString())));

        // the same record again, its code still spelt in lower case: unchanged, its version where it was
        given().contentType(ContentType.JSON).body(List.of(Map.of("id", created, "data", json("preferredName",
                given().get("/people/" + created).then().extract().path("preferredName"), "birthDate", "1896-12-29",
                "names", List.of(json("name", "El Coronelazo", "type", "alias"))))))
                .post("/people/batch").then().statusCode(200)
                .body("outcome", contains("UNCHANGED")).body("version", contains(0));
        given().get("/people/" + created).then().header("ETag", "\"0\"");

        // one change event per entity changed, none for the unchanged one
        assertEquals(1, TopicProbe.eventsFor(kafka, Topics.PEOPLE, created, TopicProbe.outboxDrained(dataSource),
                Duration.ofSeconds(30)).size());
        assertEquals(2, TopicProbe.eventsFor(kafka, Topics.PEOPLE, changed, TopicProbe.outboxDrained(dataSource),
                Duration.ofSeconds(30)).size());
        assertEquals(1, TopicProbe.eventsFor(kafka, Topics.PEOPLE, kept, TopicProbe.outboxDrained(dataSource),
                Duration.ofSeconds(30)).size());

        // a record naming what does not exist is refused alone, with its field; the one after it is written
        String org = organisation(unique("Partido Comunista"), "POLITICAL_PARTY");
        String member = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(List.of(
                Map.of("id", UUID.randomUUID().toString(), "data", json("personId", dangling, "organisationId", org)),
                Map.of("id", member, "data", json("personId", created, "organisationId", org))))
                .post("/memberships/batch").then().statusCode(200)
                .body("outcome", contains("REJECTED", "CREATED"))
                .body("[0].problem.errors.field", contains("personId"))
                .body("[0].problem.detail", containsString("no person with id " + dangling));
        given().get("/memberships/" + member).then().statusCode(200).body("personId", equalTo(created));
    }

    @Test
    void aPartnerMayNotReplaceAnothersRecordAndAReaderMayNotWrite() {
        String archivists = person(unique("Archivist's own"));
        String mine = UUID.randomUUID().toString();
        given().header("Authorization", TestTokens.partner("acme")).contentType(ContentType.JSON).body(List.of(
                Map.of("id", archivists, "data", json("preferredName", "Taken over")),
                Map.of("id", mine, "data", json("preferredName", unique("Acme's")))))
                .post("/people/batch").then().statusCode(200)
                .body("outcome", contains("REJECTED", "CREATED"))
                .body("[0].problem.status", equalTo(403));
        given().get("/people/" + archivists).then().body("preferredName", containsString("Archivist's own"));

        given().header("Authorization", TestTokens.reader("Rita")).contentType(ContentType.JSON)
                .body(List.of(Map.of("id", UUID.randomUUID().toString(), "data", json("preferredName", "X"))))
                .post("/people/batch").then().statusCode(403);
    }

    @Test
    void aBatchThatIsNotOneIsRefusedWhole() {
        given().contentType(ContentType.JSON).body(Map.of("id", UUID.randomUUID().toString()))
                .post("/people/batch").then().statusCode(400).contentType("application/problem+json");
        List<Map<String, Object>> tooMany = java.util.stream.IntStream.range(0, 1001)
                .mapToObj(i -> Map.<String, Object> of("id", UUID.randomUUID().toString(), "data", Map.of()))
                .toList();
        given().contentType(ContentType.JSON).body(tooMany).post("/people/batch").then().statusCode(400)
                .body("errors.field", hasItem("(body)")).body("detail", containsString("at most 1000"));
        given().contentType(ContentType.JSON).body(List.of(Map.of("data", Map.of("preferredName", "No id"))))
                .post("/people/batch").then().statusCode(200).body("[0].outcome", equalTo("REJECTED"))
                .body("[0].problem.errors.field", contains("[0].id"));
    }
}
