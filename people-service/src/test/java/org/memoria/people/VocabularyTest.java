package org.memoria.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;
import org.memoria.local.TopicProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The people service's managed vocabularies: seeded, read by language, managed by an admin, used by writes. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "people"))
class VocabularyTest {

    private static final String ADMIN = TestTokens.admin("Vera");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    DataSource dataSource;

    @Test
    void theSeededVocabulariesAreReadInTheCallersLanguage() {
        given().get("/vocabularies").then().statusCode(200)
                .body("name", contains("name-types", "organisation-types", "relation-types"));
        given().get("/vocabularies/relation-types").then().statusCode(200)
                .body("terms.find { it.code == 'LIAISON' }.label", equalTo("liaison of"))
                .body("terms.find { it.code == 'LIAISON' }.inverseLabel", equalTo("had as liaison"))
                .body("terms.code", hasItem("HANDLER"));
        given().header("Accept-Language", "es-MX, en;q=0.5").get("/vocabularies/relation-types/liaison").then()
                .statusCode(200).body("code", equalTo("LIAISON")).body("label", equalTo("enlace de"))
                .body("language", equalTo("es")).body("labels.en", equalTo("liaison of"));
        // organisation names can say what they are: an abbreviation, a translation
        given().get("/vocabularies/name-types/ABBREVIATION").then().statusCode(200)
                .body("scopeNote", containsString("acronym"));
        given().get("/vocabularies/event-types").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("name-types"));
    }

    @Test
    void anAdminAddsATermThatWritesThenUseAndItIsPublished() {
        String code = "COMRADE_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        given().contentType(ContentType.JSON).body(Map.of("labels", Map.of("en", "comrade of")))
                .put("/vocabularies/relation-types/" + code).then().statusCode(403);
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("labels",
                Map.of("en", "comrade of", "es", "camarada de"), "inverseLabels", Map.of("en", "comrade of"),
                "exactMatch", List.of("https://www.wikidata.org/wiki/Q1248784")))
                .put("/vocabularies/relation-types/" + code).then().statusCode(201)
                .header("Location", containsString("/vocabularies/relation-types/" + code))
                .body("version", equalTo(0)).extract().path("id");
        assertEquals(ManagedVocabulary.RELATION_TYPES.termId(code).toString(), id);

        String a = person("Jack Soble");
        String b = person("Robert Soblen");
        given().contentType(ContentType.JSON).body(Map.of("fromPersonId", a, "type", code.toLowerCase(), "toPersonId", b))
                .post("/relations").then().statusCode(201).body("type", equalTo(code)).body("label", equalTo("comrade of"));

        List<TopicProbe.Event> events = TopicProbe.eventsFor(kafka, Topics.PEOPLE, id,
                TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));
        assertEquals(1, events.size(), () -> "events: " + events);
        assertEquals("org.memoria.term.changed.v1", events.get(0).header("ce_type"));
        assertTrue(events.get(0).value().contains("\"code\":\"" + code + "\""), events.get(0).value());
    }

    @Test
    void aTermInUseIsDeprecatedNotDeletedAndAnUnusedOneIsDeleted() {
        String code = "RIVAL_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        put(code, Map.of("labels", Map.of("en", "rival of"))).then().statusCode(201);
        String relation = given().contentType(ContentType.JSON).body(Map.of("fromPersonId", person("Stalin"), "type", code,
                "toPersonId", person("Trotsky"))).post("/relations").then().statusCode(201).extract().path("id");

        given().header("Authorization", ADMIN).delete("/vocabularies/relation-types/" + code).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("used by 1 record"))
                .body("detail", containsString("deprecate it instead"));
        put(code, Map.of("labels", Map.of("en", "rival of"), "deprecated", true)).then().statusCode(200)
                .body("deprecated", equalTo(true)).body("version", equalTo(1));
        // still valid for the records that use it, no longer suggested for a near miss
        given().get("/relations/" + relation).then().statusCode(200).body("type", equalTo(code));
        given().contentType(ContentType.JSON).body(Map.of("fromPersonId", person("A"), "type", code.substring(0, 9),
                "toPersonId", person("B"))).post("/relations").then().statusCode(400)
                .body("errors[0].reason", not(containsString(code)));

        String unused = "UNUSED_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        put(unused, Map.of("labels", Map.of("en", "unused"))).then().statusCode(201);
        given().header("Authorization", ADMIN).delete("/vocabularies/relation-types/" + unused.toLowerCase()).then()
                .statusCode(204);
        given().get("/vocabularies/relation-types/" + unused).then().statusCode(404);
    }

    @Test
    void codesAreRememberedButATermAddedElsewhereIsUsableAtOnceAndOneDeletedElsewhereIsRefusedInSeconds()
            throws Exception {
        // another replica of this service adds a term: this one accepts it at once, though it holds the vocabulary
        relation("LIAISON").then().statusCode(201);
        String added = "ALLY_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        sql("insert into vocabulary_term (id, vocabulary, code, labels) values (?, 'relation-types', ?, "
                + "'{\"en\": \"ally of\"}')", ManagedVocabulary.RELATION_TYPES.termId(added), added);
        relation(added.toLowerCase()).then().statusCode(201).body("type", equalTo(added));

        // a term deleted here is refused here at once
        String mine = "FOE_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        put(mine, Map.of("labels", Map.of("en", "foe of"))).then().statusCode(201);
        relation("LIAISON").then().statusCode(201); // holds the vocabulary with the new term
        given().header("Authorization", ADMIN).delete("/vocabularies/relation-types/" + mine).then().statusCode(204);
        relation(mine).then().statusCode(400).body("errors[0].field", equalTo("type"));

        // one deleted by another replica is still accepted while remembered, and refused once the time is up
        String theirs = "RIVAL2_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        put(theirs, Map.of("labels", Map.of("en", "rival of"))).then().statusCode(201);
        relation("LIAISON").then().statusCode(201);
        sql("delete from vocabulary_term where id = ?", ManagedVocabulary.RELATION_TYPES.termId(theirs));
        relation(theirs).then().statusCode(201);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> relation(theirs).statusCode() == 400);
    }

    private static io.restassured.response.Response relation(String type) {
        return given().contentType(ContentType.JSON).body(Map.of("fromPersonId", person("A"), "type", type,
                "toPersonId", person("B"))).post("/relations");
    }

    private void sql(String statement, Object... parameters) throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void aTermIsCheckedAsAWhole() {
        put("BAD", Map.of("labels", Map.of("es", "sin inglés"), "broader", "NOPE",
                "exactMatch", List.of("file:///etc/passwd"))).then().statusCode(400)
                .contentType("application/problem+json");
        put("bad code!", Map.of("labels", Map.of("en", "x"))).then().statusCode(400)
                .body("errors[0].field", equalTo("code"));
        put("LOOPING", Map.of("labels", Map.of("en", "x"), "broader", "looping")).then().statusCode(400)
                .body("errors[0].field", equalTo("broader"));
        given().get("/vocabularies/relation-types/BAD").then().statusCode(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVocabularyIsPublishedAsSkosInJsonLd() {
        Map<String, Object> doc = given().accept("application/ld+json").get("/vocabularies/relation-types").then()
                .statusCode(200).contentType("application/ld+json").extract().as(Map.class);
        assertEquals("http://www.w3.org/2004/02/skos/core#", ((Map<?, ?>) doc.get("@context")).get("skos"));
        List<Map<String, Object>> graph = (List<Map<String, Object>>) doc.get("@graph");
        assertEquals("skos:ConceptScheme", graph.get(0).get("@type"));
        Map<String, Object> handler = graph.stream().filter(n -> "HANDLER".equals(n.get("notation"))).findFirst().orElseThrow();
        assertEquals("skos:Concept", handler.get("@type"));
        assertEquals(Map.of("en", "handler of", "es", "controlador de"), handler.get("prefLabel"));
        assertTrue(((String) handler.get("@id")).endsWith("/vocabularies/relation-types/HANDLER"));
        assertNull(handler.get("broader"));
    }

    private static io.restassured.response.Response put(String code, Map<String, Object> term) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(term)
                .put("/vocabularies/relation-types/" + code);
    }

    private static String person(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("preferredName", name + " " + UUID.randomUUID()))
                .post("/people").then().statusCode(201).extract().path("id");
    }
}
