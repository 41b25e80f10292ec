package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.SubjectRef;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.ParticipantRole;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.common.contract.people.NameType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.sources.ClaimState;
import org.memoria.common.contract.sources.ClaimStatus;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.contract.sources.Stance;
import org.memoria.common.contract.sources.Strength;
import org.memoria.common.events.Topics;
import org.memoria.gateway.service.ClaimQuery;
import org.memoria.gateway.service.DossierQuery;
import org.memoria.gateway.service.EventQuery;
import org.memoria.gateway.service.SourceQuery;
import org.memoria.local.MemoriaTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Composed views served as documents (docs/decisions/0022) never go stale: after each change to something a view
 * shows, every stored document of the archive's people, events, sources and claims that a read would be served from
 * is byte for byte what a live composition answers (the others are marked, to be composed again, or gone); each is
 * then composed again without anyone reading it and served as stored; and a client holding the old ETag gets the new
 * view rather than a 304.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class ViewDocumentsTest extends PublishingTest {

    private static final Duration PROJECTED = Duration.ofSeconds(30);

    @Inject
    DossierQuery dossiers;
    @Inject
    EventQuery events;
    @Inject
    SourceQuery sources;
    @Inject
    ClaimQuery claims;
    @Inject
    ObjectMapper mapper;

    private final UUID coyoacan = UUID.randomUUID();
    private final UUID mercader = UUID.randomUUID();
    private final UUID siqueiros = UUID.randomUUID();
    private final UUID attack = UUID.randomUUID();
    private final UUID report = UUID.randomUUID();
    private final UUID trial = UUID.randomUUID();
    private final UUID claim = UUID.randomUUID();

    @Test
    void everyStoredViewThatShowsAChangedEntityIsMarkedInTheTransactionThatAppliesTheChangeAndComposedAgain() throws Exception {
        place(0, "Coyoacán");
        person(mercader, 0, "Ramón Mercader", "Jacques Mornard");
        person(siqueiros, 0, "David Alfaro Siqueiros", null);
        owners.changed(Topics.EVENTS, "event", attack, 0, new EventState(attack, 0, "The May 24 attack",
                EventType.ATTACK, "1940-05-24", coyoacan, null, null, null, List.of(
                        new EventState.Participant(siqueiros, null, ParticipantRole.ORGANISER, "led the squad"),
                        new EventState.Participant(mercader, null, null, null))));
        source(report, 0, "Police report on the attack", mercader);
        claim(0, List.of(new ClaimState.Evidence(null, Stance.SUPPORTS, Strength.INDICATIVE, null, report,
                "1940-06", "f. 3", "the guards were bribed")), ClaimStatus.ASSERTED);
        awaitFeedHolds(claim, 0);
        await().atMost(PROJECTED).untilAsserted(() -> given().get("/api/people/" + mercader).then().statusCode(200)
                .body("events[0].place.name", equalTo("Coyoacán"))
                .body("sourcesAuthored[0].title", equalTo("Police report on the attack"))
                .body("claims[0].evidence[0].quote", equalTo("the guards were bribed")));
        assertEveryDocumentIsWhatALiveReadComposes(5);
        String before = given().get("/api/events/" + attack).then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", before).get("/api/events/" + attack).then().statusCode(304)
                .header("ETag", equalTo(before));

        // a place renamed: the event at it and the dossiers of both participants show the new name
        place(1, "Coyoacán, Mexico City");
        awaitFeedHolds(coyoacan, 1);
        assertEveryDocumentIsWhatALiveReadComposes(5);
        given().get("/api/events/" + attack).then().body("place.name", equalTo("Coyoacán, Mexico City"));
        given().get("/api/people/" + siqueiros).then().body("events[0].place.name", equalTo("Coyoacán, Mexico City"))
                .body("events[0].note", equalTo("led the squad"));
        // the client with the old ETag gets the new view, with a new ETag of the same version
        Response renamed = given().header("If-None-Match", before).get("/api/events/" + attack);
        renamed.then().statusCode(200).header("ETag", not(equalTo(before))).header("ETag", startsWith("\"0."));

        // a new event with a participant whose dossier is stored: the dossier lists what links to the person
        UUID trial1943 = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "event", trial1943, 0, new EventState(trial1943, 0, "Siqueiros questioned",
                EventType.OTHER, "1940-10", null, null, null, null, List.of(
                        new EventState.Participant(siqueiros, null, null, "denied everything"))));
        awaitFeedHolds(trial1943, 0);
        assertEveryDocumentIsWhatALiveReadComposes(5);
        given().get("/api/people/" + siqueiros).then().body("events.size()", equalTo(2));

        // a person renamed and given another alias: the event, the source they wrote, the claim about them
        person(mercader, 1, "Jaime Ramón Mercader del Río", "Frank Jacson");
        awaitFeedHolds(mercader, 1);
        assertEveryDocumentIsWhatALiveReadComposes(5);
        given().get("/api/people/" + mercader).then().body("names.name", contains("Frank Jacson"));
        given().get("/api/events/" + attack).then()
                .body("participants[1].participant.name", equalTo("Jaime Ramón Mercader del Río"));
        given().get("/api/sources/" + report).then().body("authors[0].name", equalTo("Jaime Ramón Mercader del Río"));
        given().get("/api/claims/" + claim).then().body("subjects[0].name", equalTo("Jaime Ramón Mercader del Río"));

        // a claim's evidence changed to name a source not yet in the archive, then the source arrives
        claim(1, List.of(new ClaimState.Evidence(null, Stance.SUPPORTS, Strength.CONCLUSIVE, null, report,
                "1940-06", "f. 3", "the guards were bribed"), new ClaimState.Evidence(null, Stance.DISPUTES,
                        Strength.INDICATIVE, null, trial, "1943", "p. 12", "no bribe was proven")),
                ClaimStatus.DISPUTED);
        awaitFeedHolds(claim, 1);
        assertEveryDocumentIsWhatALiveReadComposes(5);
        given().get("/api/claims/" + claim).then().body("evidence[1].source.resolved", equalTo(false));
        given().get("/api/people/" + mercader).then().body("claims[0].status", equalTo("DISPUTED"));
        source(trial, 0, "Trial records", null);
        awaitFeedHolds(trial, 0);
        assertEveryDocumentIsWhatALiveReadComposes(6);
        given().get("/api/claims/" + claim).then().body("evidence[1].source.title", equalTo("Trial records"));
        given().get("/api/sources/" + trial).then().body("citedAsEvidence[0].stance", equalTo("DISPUTES"));

        // deleted: its document goes, and so does it from every view that showed it
        owners.deleted(Topics.EVENTS, "event", attack, 1);
        awaitFeedHolds(attack, 1);
        given().get("/api/events/" + attack).then().statusCode(404);
        given().get("/api/people/" + siqueiros).then().body("events.size()", equalTo(1));
        assertEveryDocumentIsWhatALiveReadComposes(5);
    }

    @Test
    void aPlaceRenamedMarksTheStoredViewOfEveryEventAtItAndEachIsComposedWithTheNewName() throws Exception {
        UUID street = UUID.randomUUID();
        owners.changed(Topics.EVENTS, "place", street, 0, new PlaceState(street, 0, "Avenida Viena", List.of(), null,
                null, null, null, null));
        List<UUID> many = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            UUID e = UUID.randomUUID();
            many.add(e);
            owners.changed(Topics.EVENTS, "event", e, 0, new EventState(e, 0, "Watch " + i, EventType.OTHER,
                    "1940-05", street, null, null, null, List.of()));
        }
        awaitFeedHolds(street, 0);
        for (UUID e : many) {
            awaitFeedHolds(e, 0);
            assertFresh(EntityKind.EVENT, e);
        }
        assertEquals(many.size(), servedShowing(many, "\"Avenida Viena\""));
        owners.changed(Topics.EVENTS, "place", street, 1, new PlaceState(street, 1, "Avenida Viena 19", List.of(),
                null, null, null, null, null));
        awaitFeedHolds(street, 1);
        assertEquals(0, servedShowing(many, "\"Avenida Viena\""), "a stored view outlived a change to what it shows");
        for (UUID e : many) {
            given().get("/api/events/" + e).then().statusCode(200).body("place.name", equalTo("Avenida Viena 19"));
            assertFresh(EntityKind.EVENT, e);
        }
    }

    private void place(long version, String name) {
        owners.changed(Topics.EVENTS, "place", coyoacan, version, new PlaceState(coyoacan, version, name, List.of(),
                null, 19.35, -99.16, null, null));
    }

    private void person(UUID id, long version, String name, String alias) {
        owners.changed(Topics.PEOPLE, "person", id, version, new PersonState(id, version, name,
                alias == null ? List.of() : List.of(new PersonState.Name(alias, NameType.ALIAS, "1938/1940", null)),
                null, null, null, null, null, null));
    }

    private void source(UUID id, long version, String title, UUID author) {
        owners.changed(Topics.SOURCES, "source", id, version, new SourceState(id, version, SourceType.REPORT, title,
                List.of(), author == null ? List.of() : List.of(author), List.of(), "1940-06", null, null, "es", null,
                null));
    }

    private void claim(long version, List<ClaimState.Evidence> evidence, ClaimStatus status) {
        owners.changed(Topics.SOURCES, "claim", claim, version, new ClaimState(claim, version,
                "Mercader bribed the guards", List.of(new SubjectRef(EntityKind.PERSON, mercader)), evidence, status,
                List.of(new ClaimState.StatusChange("1940-06", status, null, report))));
    }

    /**
     * No view of this test's entities that a read would be served from is stale (each is marked, gone, or what a live
     * read composes now), and each of the {@code count} live ones is composed ahead, without any read, and served as
     * it is stored.
     */
    private void assertEveryDocumentIsWhatALiveReadComposes(int count) throws Exception {
        Map<UUID, EntityKind> mine = new HashMap<>(Map.of(mercader, EntityKind.PERSON, siqueiros, EntityKind.PERSON,
                attack, EntityKind.EVENT, report, EntityKind.SOURCE, trial, EntityKind.SOURCE, claim,
                EntityKind.CLAIM));
        for (var entry : mine.entrySet()) { // at once, whether or not the composer has been through them
            Optional<String[]> served = served(entry.getKey());
            Optional<? extends Object> live = compose(entry.getValue(), entry.getKey());
            if (live.isEmpty()) {
                assertTrue(served.isEmpty(), "a stored view outlived its entity " + entry.getKey());
            } else if (served.isPresent()) {
                assertEquals(json(live.get()), mapper.readTree(served.get()[1]),
                        "the stored view of " + entry.getValue() + " " + entry.getKey() + " is stale");
            }
        }
        int live = 0;
        for (var entry : mine.entrySet()) {
            if (compose(entry.getValue(), entry.getKey()).isPresent()) {
                assertFresh(entry.getValue(), entry.getKey());
                live++;
            }
        }
        assertEquals(count, live);
    }

    /**
     * The view is composed ahead and stored without being read, as a live read composes it, and a read over HTTP
     * serves it with its stored ETag.
     */
    private void assertFresh(EntityKind kind, UUID id) throws Exception {
        String path = switch (kind) {
            case PERSON -> "/api/people/";
            case EVENT -> "/api/events/";
            case SOURCE -> "/api/sources/";
            default -> "/api/claims/";
        };
        JsonNode expected = json(compose(kind, id).orElseThrow());
        await().atMost(PROJECTED).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> served(id).isPresent());
        String[] stored = served(id).orElseThrow();
        assertEquals(expected, mapper.readTree(stored[1]),
                "the stored view of " + kind + " " + id + " is not what a live read composes");
        Response read = given().get(path + id);
        read.then().statusCode(200).header("ETag", equalTo("\"" + stored[0] + "\""));
        assertEquals(expected, mapper.readTree(read.asByteArray()));
    }

    private JsonNode json(Object view) throws Exception {
        return mapper.readTree(mapper.writeValueAsBytes(view));
    }

    private Optional<? extends Object> compose(EntityKind kind, UUID id) {
        return switch (kind) {
            case PERSON -> dossiers.find(id);
            case EVENT -> events.find(id);
            case SOURCE -> sources.find(id);
            default -> claims.find(id);
        };
    }

    /** The ETag and body of this entity's stored view, if a read would be served from it (no change is pending). */
    private Optional<String[]> served(UUID id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select etag, convert_from(body, 'UTF8') from view_document d "
                        + "where id = ? and not exists (select 1 from view_pending p where p.id = d.id)")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new String[] { rs.getString(1), rs.getString(2) }) : Optional.empty();
            }
        }
    }

    /** How many of these entities' stored views a read would be served from and show this text. */
    private int servedShowing(List<UUID> ids, String text) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from view_document d where id = any(?) "
                        + "and not exists (select 1 from view_pending p where p.id = d.id) "
                        + "and position(? in convert_from(body, 'UTF8')) > 0")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            s.setString(2, text);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
