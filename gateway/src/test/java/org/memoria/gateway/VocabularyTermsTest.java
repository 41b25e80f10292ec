package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.people.RelationState;
import org.memoria.common.contract.vocabulary.ManagedVocabulary;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What the gateway makes of the owners' vocabulary terms: change events like any entity's (in the change feed, at
 * the URL it names), the labels relations are read with, and who may change a vocabulary.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class VocabularyTermsTest extends PublishingTest {

    private static final Duration PROJECTED = Duration.ofSeconds(20);

    @Test
    void aTermIsAChangeLikeAnyOtherAndRelationsAreReadWithItsLabels() {
        String code = "COMRADE_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        UUID term = ManagedVocabulary.RELATION_TYPES.termId(code);
        relationType(code, "comrade of", "had as comrade");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", a, 0, person(a, "Andrés Nin"));
        owners.changed(Topics.PEOPLE, "person", b, 0, person(b, "Juan Andrade"));
        UUID relation = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "relation", relation, 0,
                new RelationState(relation, 0, a, code, b, "1935/1937", null, null));

        awaitFeedHolds(term, 0);
        given().get("/api/vocabularies/terms/" + term).then().statusCode(200).header("ETag", "\"0\"")
                .body("code", equalTo(code)).body("vocabulary", equalTo("relation-types"))
                .body("labels.en", equalTo("comrade of"));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + a).then().statusCode(200)
                .body("relations", hasSize(1)).body("relations[0].type", equalTo(code))
                .body("relations[0].label", equalTo("comrade of")));
        given().get("/api/people/" + b).then().body("relations[0].label", equalTo("had as comrade"));

        // an admin relabels it: every view reads the new label
        relationTypeVersion(code, 1, "fellow member of", "fellow member of");
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + b).then()
                .body("relations[0].label", equalTo("fellow member of")));

        owners.deleted(Topics.PEOPLE, "term", term, 2);
        awaitFeedHolds(term, 2);
        given().get("/api/vocabularies/terms/" + term).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theVocabulariesAreListedWithTheirOwnersAndOnlyAnAdminChangesThem() {
        given().get("/api/vocabularies").then().statusCode(200)
                .body("name", contains("name-types", "organisation-types", "relation-types", "event-types",
                        "participant-roles", "place-types", "source-types"))
                .body("find { it.name == 'event-types' }.owner", equalTo("events"));
        given().get("/api/vocabularies/occupations").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("event-types"));
        Map<String, Object> term = Map.of("labels", Map.of("en", "massacre"));
        given().header("Authorization", TestTokens.archivist("Ada")).contentType(ContentType.JSON).body(term)
                .put("/api/vocabularies/event-types/MASSACRE").then().statusCode(403);
        given().header("Authorization", TestTokens.partner("archive-b")).contentType(ContentType.JSON).body(term)
                .put("/api/vocabularies/event-types/MASSACRE").then().statusCode(403);
        given().header("Authorization", TestTokens.ANONYMOUS).delete("/api/vocabularies/event-types/ATTACK").then()
                .statusCode(401);
    }

    private void relationTypeVersion(String code, long version, String label, String inverse) {
        UUID id = ManagedVocabulary.RELATION_TYPES.termId(code);
        owners.changed(Topics.PEOPLE, "term", id, version,
                new org.memoria.common.contract.vocabulary.TermView(id, version, "relation-types", code, label, "en",
                        Map.of("en", label), null, Map.of(), null, List.of(), false, inverse, Map.of("en", inverse)));
    }

    private static PersonState person(UUID id, String name) {
        return new PersonState(id, 0, name, List.of(), null, null, null, null, null, null);
    }
}
