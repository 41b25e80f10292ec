package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.SubjectRef;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.ParticipantRole;
import org.memoria.common.contract.people.NameType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.sources.CitationState;
import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.contract.sources.ClaimStatus;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.contract.sources.Stance;
import org.memoria.common.contract.sources.Strength;
import org.memoria.common.events.Topics;
import org.memoria.gateway.config.GatewayConfig;
import org.memoria.gateway.events.Links;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The gateway's read model, fed by change events on the real broker as the owners publish them. */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class ProjectionTest extends PublishingTest {

    private static final Duration PROJECTED = Duration.ofSeconds(20);

    @Inject
    GatewayConfig config;

    private static PersonState person(UUID id, long version, String name) {
        return new PersonState(id, version, name, List.of(new PersonState.Name("LD", NameType.NICKNAME, null, null)),
                "1879-11-07", null, "1940-08-21", null, null, null);
    }

    /** Waits until the projector has applied this record (it commits its offsets after the database). */
    private void awaitApplied(RecordMetadata record) {
        await().atMost(PROJECTED).pollInterval(Duration.ofMillis(20))
                .until(() -> owners.consumedBy(consumerGroup(), record));
    }

    /** The live read model's consumer group: the configured one, or the last rebuild's. */
    private String consumerGroup() throws java.sql.SQLException {
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("select consumer_group from projector_state where id = 1");
                var rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : config.consumerGroup();
        }
    }

    private static void awaitStatus(String path, int status) {
        await().atMost(PROJECTED).pollInterval(Duration.ofMillis(20))
                .until(() -> given().get(path).statusCode() == status);
    }

    @Test
    void composesADossierFromPeopleEventsAndSources() {
        UUID trotsky = UUID.randomUUID();
        UUID attack = UUID.randomUUID();
        UUID earlier = UUID.randomUUID();
        UUID article = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", trotsky, 0, person(trotsky, 0, "Leon Trotsky"));
        owners.changed(Topics.EVENTS, "event", attack, 0, new EventState(attack, 0,
                "Armed attack on Trotsky's house", EventType.ATTACK, "1940-05-24", null, "Coyoacán", null, null,
                List.of(new EventState.Participant(trotsky, null, ParticipantRole.VICTIM, null))));
        owners.changed(Topics.EVENTS, "event", earlier, 0, new EventState(earlier, 0, "Asylum granted in Mexico",
                EventType.ASYLUM, "1936-12", null, "Mexico", null, null,
                List.of(new EventState.Participant(trotsky, null, ParticipantRole.SUBJECT, null))));
        owners.changed(Topics.SOURCES, "source", article, 0, new SourceState(article, 0, SourceType.ARTICLE,
                "Stalin Seeks My Death", List.of(), List.of(trotsky), List.of(), "1940-06-08", null, null, "en", null, null));

        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + trotsky).then().statusCode(200)
                .body("preferredName", equalTo("Leon Trotsky"))
                .body("names[0].name", equalTo("LD"))
                .body("birth.display", equalTo("November 7, 1879"))
                .body("events", hasSize(2))
                .body("events[0].title", equalTo("Asylum granted in Mexico"))
                .body("events[1].role", equalTo("VICTIM"))
                .body("events[1].date.edtf", equalTo("1940-05-24"))
                .body("sourcesAuthored[0].title", equalTo("Stalin Seeks My Death")));
        given().get("/api/sources/" + article).then().statusCode(200)
                .body("authors[0].name", equalTo("Leon Trotsky")).body("authors[0].resolved", is(true));
    }

    @Test
    void showsAParticipantNotSeenYetAsUnresolvedAndResolvesItWhenThePersonArrives() {
        UUID harte = UUID.randomUUID();
        UUID attack = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "event", attack, 0, new EventState(attack, 0, "May 24 attack",
                EventType.ATTACK, "1940-05-24", null, null, null, null,
                List.of(new EventState.Participant(harte, null, ParticipantRole.GUARD_ON_DUTY, null))));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + attack).then().statusCode(200)
                .body("participants", hasSize(1))
                .body("participants[0].participant.id", equalTo(harte.toString()))
                .body("participants[0].participant.resolved", is(false))
                .body("participants[0].participant.name", nullValue())
                .body("participants[0].role", equalTo("GUARD_ON_DUTY")));

        owners.changed(Topics.PEOPLE, "person", harte, 0, person(harte, 0, "Robert Sheldon Harte"));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/events/" + attack).then()
                .body("participants[0].participant.resolved", is(true))
                .body("participants[0].participant.name", equalTo("Robert Sheldon Harte")));
    }

    @Test
    void appliesOnlyNewerVersionsSoReplaysAndDuplicatesChangeNothing() {
        UUID id = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", id, 0, person(id, 0, "Jacques Mornard"));
        owners.changed(Topics.PEOPLE, "person", id, 2, person(id, 2, "Ramón Mercader"));
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + id).then().statusCode(200)
                .header("ETag", startsWith("\"2.")).body("preferredName", equalTo("Ramón Mercader")));

        // Each late record comes alone, once version 2 was applied: a poll's records of one entity are merged in
        // memory, so only records of separate polls reach the version check of the read model's upsert.
        awaitApplied(owners.changed(Topics.PEOPLE, "person", id, 1, person(id, 1, "Frank Jacson")));
        given().get("/api/people/" + id).then().statusCode(200).header("ETag", startsWith("\"2."))
                .body("preferredName", equalTo("Ramón Mercader")).body("version", is(2));
        // a second event of the version already applied changes nothing either
        awaitApplied(owners.changed(Topics.PEOPLE, "person", id, 2, person(id, 2, "Jacques Mornard")));
        given().get("/api/people/" + id).then().statusCode(200).header("ETag", startsWith("\"2."))
                .body("preferredName", equalTo("Ramón Mercader")).body("version", is(2));
    }

    @Test
    void aTombstoneRemovesTheEntityAndAnOlderReplayCannotResurrectIt() {
        UUID id = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", id, 0, person(id, 0, "Erwin Wolf"));
        awaitStatus("/api/people/" + id, 200);
        owners.deleted(Topics.PEOPLE, "person", id, 1);
        awaitStatus("/api/people/" + id, 404);
        awaitApplied(owners.changed(Topics.PEOPLE, "person", id, 0, person(id, 0, "Erwin Wolf")));
        given().get("/api/people/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listsTheTimelineInDateOrder() {
        // the people list is the people service's (routed, docs/decisions/0017); the timeline is the read model's
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID a = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", a, 0, person(a, 0, "Natalia Sedova " + tag));
        awaitStatus("/api/people/" + a, 200);

        UUID late = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        // both with a participant of their own, so the timeline is filtered to this test's events alone
        List<EventState.Participant> sedova = List.of(
                new EventState.Participant(a, null, ParticipantRole.SUBJECT, null));
        owners.changed(Topics.EVENTS, "event", late, 0, new EventState(late, 0, "Late " + tag, EventType.OTHER,
                "0002-02-02", null, null, null, null, sedova));
        owners.changed(Topics.EVENTS, "event", early, 0, new EventState(early, 0, "Early " + tag, EventType.OTHER,
                "0001-22", null, null, null, null, sedova));
        await().atMost(PROJECTED).untilAsserted(() -> given().queryParam("personId", a.toString()).get("/api/timeline")
                .then().body("total", is(2))
                .body("items[0].title", equalTo("Early " + tag))
                .body("items[0].date.display", equalTo("summer 1"))
                .body("items[1].title", equalTo("Late " + tag)));
    }
    /**
     * The longest text each owner accepts, in a script of three UTF-8 bytes per character (past what a btree index
     * entry may hold), reaches the views whole: an acknowledged write is never left out of the archive.
     */
    @Test
    void keepsTheLongestTextTheOwnersAccept() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID person = UUID.randomUUID();
        UUID source = UUID.randomUUID();
        UUID citation = UUID.randomUUID();
        UUID claim = UUID.randomUUID();
        String name = tag + "史".repeat(300 - tag.length()); // PersonInput.preferredName: at most 300
        String alias = "史".repeat(300); // NameInput.name: at most 300; with a source it is a link's role
        String locator = "史".repeat(300); // CitationInput.locator: at most 300
        String quote = "史".repeat(20_000); // CitationInput.quote: at most 20,000
        String statement = "史".repeat(2_000); // ClaimInput.statement: at most 2,000
        owners.changed(Topics.PEOPLE, "person", person, 0, new PersonState(person, 0, name,
                List.of(new PersonState.Name(alias, NameType.ALIAS, null, source)), "1879", null, null, null, null, null));
        owners.changed(Topics.SOURCES, "source", source, 0, new SourceState(source, 0, SourceType.ARTICLE,
                "Long texts " + tag, List.of(), List.of(person), List.of(), "1940", null, null, "zh", null, null));
        owners.changed(Topics.SOURCES, "citation", citation, 0, new CitationState(citation, 0, source, locator, quote,
                List.of(new SubjectRef(EntityKind.PERSON, person)), null));
        owners.changed(Topics.SOURCES, "claim", claim, 0, new ClaimState(claim, 0, statement,
                List.of(new SubjectRef(EntityKind.PERSON, person)),
                List.of(new ClaimState.Evidence(citation, Stance.SUPPORTS, Strength.INDICATIVE, null, source, "1940")),
                ClaimStatus.ASSERTED, List.of()));

        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/claims/" + claim).then().statusCode(200)
                .body("statement", equalTo(statement))
                .body("evidence[0].quote", equalTo(quote))
                .body("evidence[0].locator", equalTo(locator)));
        given().get("/api/citations/" + citation).then().statusCode(200)
                .body("quote", equalTo(quote)).body("locator", equalTo(locator));
        given().get("/api/people/" + person).then().statusCode(200)
                .body("preferredName", equalTo(name)).body("names[0].name", equalTo(alias));
        given().queryParam("q", tag).queryParam("kind", "PERSON").get("/api/search").then().statusCode(200)
                .body("total", is(1)).body("items[0].id", equalTo(person.toString()));
    }

    @Test
    void keepsTextWithBackslashesTabsAndLineBreaksAsWritten() throws Exception {
        String tag = "Tab" + UUID.randomUUID().toString().substring(0, 8);
        UUID person = UUID.randomUUID();
        UUID source = UUID.randomUUID();
        UUID birthPlace = UUID.randomUUID();
        String name = tag + " \\N back\\slash\ttab\nline\r\nend";
        String alias = "Jacques\tMornard \\. \\N";
        owners.changed(Topics.PEOPLE, "person", person, 0, new PersonState(person, 0, name,
                List.of(new PersonState.Name(alias, NameType.ALIAS, null, source)), "1904", birthPlace, null, null,
                "a description\\with\tall\nof them", null));
        awaitFeedHolds(person, 0);

        given().queryParam("q", tag).queryParam("kind", "PERSON").get("/api/search").then().statusCode(200)
                .body("total", is(1)).body("items[0].id", equalTo(person.toString()));
        try (var c = dataSource.getConnection()) {
            try (var s = c.prepareStatement("select term from search_term where entity_id = ? order by position")) {
                s.setObject(1, person);
                try (var rs = s.executeQuery()) {
                    List<String> terms = new java.util.ArrayList<>();
                    while (rs.next()) {
                        terms.add(rs.getString(1));
                    }
                    org.junit.jupiter.api.Assertions.assertEquals(List.of(name, alias,
                            "a description\\with\tall\nof them"), terms);
                }
            }
            try (var s = c.prepareStatement("select link, role from link where from_id = ? order by position")) {
                s.setObject(1, person);
                try (var rs = s.executeQuery()) {
                    java.util.Map<String, String> roles = new java.util.HashMap<>();
                    while (rs.next()) {
                        roles.put(rs.getString(1), rs.getString(2));
                    }
                    // the birth place's link has no role: NULL, not the text "\N"
                    org.junit.jupiter.api.Assertions.assertTrue(roles.containsKey(Links.BIRTH_PLACE), roles::toString);
                    org.junit.jupiter.api.Assertions.assertNull(roles.get(Links.BIRTH_PLACE));
                    org.junit.jupiter.api.Assertions.assertEquals(alias, roles.get(Links.NAME_SOURCE));
                }
            }
        }
    }
}
