package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.EntityKind;
import org.memoria.common.contract.events.EventState;
import org.memoria.common.contract.events.EventType;
import org.memoria.common.contract.events.ParticipantRole;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.NameType;
import org.memoria.common.contract.people.OrganisationState;
import org.memoria.common.contract.people.OrganisationType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.people.RelationState;
import org.memoria.common.contract.people.RelationType;
import org.memoria.common.events.Topics;
import org.memoria.gateway.api.ArchiveViews.SearchResult;
import org.memoria.gateway.events.DeferredIndexes;
import org.memoria.gateway.events.GatewayRestart;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class GraphAndRebuildTest extends PublishingTest {

    private static final String ADMIN = TestTokens.admin("Root");

    @Inject
    IndexedSearch indexed;
    @Inject
    DeferredIndexes indexes;
    private static final String INDEX_NAMES = "select tablename || '.' || indexname from pg_indexes "
            + "where schemaname = current_schema() and tablename in ('entity', 'link', 'search_term')";
    private static final String TRIGRAM_INDEX_VALID = "select x.indisvalid::text from pg_index x join pg_class i "
            + "on i.oid = x.indexrelid where i.relname = 'search_term_names'";
    private static final String CONSTRAINT_NAMES = "select conrelid::regclass || '.' || conname from pg_constraint "
            + "where conrelid in ('entity'::regclass, 'link'::regclass, 'search_term'::regclass)";

    private void person(UUID id, String name) {
        owners.changed(Topics.PEOPLE, "person", id, 0, new PersonState(id, 0, name, List.of(), null, null, null, null, null, null));
    }

    private void personWithAlias(UUID id, String name, String alias) {
        owners.changed(Topics.PEOPLE, "person", id, 0, new PersonState(id, 0, name,
                List.of(new PersonState.Name(alias, NameType.ALIAS, null, null)), null, null, null, null, null, null));
    }

    @Test
    void theGraphLinksPeopleOrganisationsAndEventsWithinTheDepthAndBound() {
        UUID hansen = UUID.randomUUID();
        UUID trotsky = UUID.randomUUID();
        UUID natalia = UUID.randomUUID();
        UUID swp = UUID.randomUUID();
        UUID attack = UUID.randomUUID();
        person(hansen, "Joseph Hansen");
        person(trotsky, "Leon Trotsky");
        person(natalia, "Natalia Sedova");
        owners.changed(Topics.PEOPLE, "organisation", swp, 0, new OrganisationState(swp, 0, "SWP", List.of(),
                OrganisationType.POLITICAL_PARTY, "1938-01", null, null, null));
        UUID membership = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "membership", membership, 0,
                new MembershipState(membership, 0, hansen, swp, "head of security", "1937/1940", null));
        UUID spouse = UUID.randomUUID();
        relationType(RelationType.SPOUSE, "spouse of", "spouse of");
        owners.changed(Topics.PEOPLE, "relation", spouse, 0,
                new RelationState(spouse, 0, trotsky, RelationType.SPOUSE, natalia, "1903/1940", null, null));
        owners.changed(Topics.EVENTS, "event", attack, 0, new EventState(attack, 0, "May 24 attack", EventType.ATTACK,
                "1940-05-24", null, null, null, null, List.of(new EventState.Participant(trotsky, null, ParticipantRole.VICTIM, null),
                        new EventState.Participant(hansen, null, ParticipantRole.GUARD_ON_DUTY,
                                "in charge of the guards that night"))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("focus", hansen.toString())
                .queryParam("depth", 2).get("/api/graph").then().statusCode(200)
                .body("nodes.label", hasItem("SWP"))
                .body("nodes.label", hasItem("May 24 attack"))
                .body("nodes.label", hasItem("Leon Trotsky"))
                .body("edges.find { it.kind == 'MEMBERSHIP' }.role", equalTo("head of security"))
                .body("edges.find { it.kind == 'MEMBERSHIP' }.period.edtf", equalTo("1937/1940"))
                // a part played shows with its note, as in every other view that shows the role
                .body("edges.find { it.kind == 'PARTICIPATION' && it.role == 'GUARD_ON_DUTY' }.note",
                        equalTo("in charge of the guards that night"))
                .body("edges.find { it.kind == 'PARTICIPATION' && it.role == 'VICTIM' }.note", nullValue())
                .body("nodes.find { it.label == 'Leon Trotsky' }.distance", is(2))
                .body("nodes.label", not(hasItem("Natalia Sedova"))));
        given().queryParam("focus", hansen.toString()).queryParam("depth", 3).get("/api/graph").then()
                .body("nodes.label", hasItem("Natalia Sedova"))
                .body("edges.find { it.kind == 'RELATION' }.role", equalTo("spouse of"));
        given().queryParam("focus", hansen.toString()).queryParam("depth", 3).queryParam("limit", 2).get("/api/graph")
                .then().body("nodes", hasSize(2)).body("truncated", is(true));
        given().queryParam("focus", "not-a-uuid").get("/api/graph").then().statusCode(400);
        given().queryParam("focus", UUID.randomUUID().toString()).get("/api/graph").then().statusCode(404);
    }

    @Test
    void aRebuildReplaysTheTopicsIntoANewReadModelAndSwapsItIn() throws Exception {
        UUID klement = UUID.randomUUID();
        UUID wolf = UUID.randomUUID();
        // "Rudolf" is in the name and in the alias of each of two people: one search matches two terms of each
        UUID namesake = UUID.randomUUID();
        personWithAlias(klement, "Rudolf Klement", "Rudolf Adolphe");
        personWithAlias(namesake, "Rudolf Hilferding", "Rudolf Kral");
        person(wolf, "Erwin Wolf");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/people/" + klement).statusCode() == 200
                && given().get("/api/people/" + namesake).statusCode() == 200
                && given().get("/api/people/" + wolf).statusCode() == 200);
        Set<String> indexes = names(INDEX_NAMES);
        Set<String> constraints = names(CONSTRAINT_NAMES);
        assertThat(indexes, hasItems("entity.entity_pkey", "entity.entity_kind_label", "search_term.search_term_names"));
        // the live read model lost a row the topics still hold: only the rebuilt one has it again (once the composer
        // has stored the dossier, so that it does not store it again from the row)
        await().atMost(Duration.ofSeconds(20)).until(() -> names("select id::text from view_pending where id = '"
                + klement + "'").isEmpty());
        execute("delete from entity where id = '" + klement + "'");
        execute("delete from view_document where id = '" + klement + "'");
        given().get("/api/people/" + klement).then().statusCode(404);

        String startedAt;
        try (Connection swapBlocked = dataSource.getConnection()) {
            // the rebuild records its consumer group first when it swaps: holding that table holds the swap
            swapBlocked.setAutoCommit(false);
            try (var s = swapBlocked.createStatement()) {
                s.execute("lock table projector_state in exclusive mode");
            }
            startedAt = given().header("Authorization", ADMIN).post("/api/admin/read-model/rebuild").then().statusCode(202)
                    .body("state", equalTo("RUNNING")).extract().path("startedAt");
            await().atMost(Duration.ofSeconds(60)).until(this::aSwapWaits);

            // caught up, the live projector paused: a second request returns the running rebuild, reads go on
            given().header("Authorization", ADMIN).post("/api/admin/read-model/rebuild").then().statusCode(202)
                    .body("state", equalTo("RUNNING")).body("startedAt", equalTo(startedAt));
            given().header("Authorization", ADMIN).get("/api/admin/read-model").then().statusCode(200).body("lastRebuild.state", equalTo("RUNNING"));
            given().get("/api/people/" + wolf).then().statusCode(200).body("preferredName", equalTo("Erwin Wolf"));
            given().get("/api/people/" + klement).then().statusCode(404);
            swapBlocked.rollback();
            swapBlocked.setAutoCommit(true);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().header("Authorization", ADMIN).get("/api/admin/read-model").then().body("lastRebuild.state", equalTo("DONE")));
        given().header("Authorization", ADMIN).get("/api/admin/read-model").then().body("lastRebuild.events", greaterThan(0))
                .body("lastRebuild.startedAt", equalTo(startedAt));

        // the rebuilt model holds what the topics hold, and goes on following them
        given().get("/api/people/" + klement).then().statusCode(200).body("preferredName", equalTo("Rudolf Klement"));
        given().get("/api/people/" + wolf).then().statusCode(200);
        // this replica's search index was built again from the new tables, and answers by exact names
        assertThat(IndexedSearch.scoreOf(indexed.search("rudolf klement", EntityKind.PERSON, 0, 100), klement),
                equalTo(2.0));
        // built from the new tables, it finds each entity once, as PostgreSQL does, however many of its terms match
        SearchResult rudolf = indexed.search("Rudolf", null, 0, 20);
        assertThat(rudolf, equalTo(indexed.byDatabase("Rudolf", null, 0, 20)));
        assertThat(IndexedSearch.ids(rudolf).stream().filter(klement::equals).count(), is(1L));
        assertThat(IndexedSearch.ids(rudolf).stream().filter(namesake::equals).count(), is(1L));
        // and the views of the rebuilt model are composed again ahead of reads, the lost one's too
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", ADMIN)
                .get("/api/admin/read-model").then().extract().<Integer> path("viewsPending") == 0);
        assertEquals(Set.of(klement.toString(), wolf.toString()), names("select id::text from view_document "
                + "where id in ('" + klement + "', '" + wolf + "')"));
        UUID after = UUID.randomUUID();
        person(after, "Sylvia Ageloff");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/people/" + after).statusCode() == 200);
        assertThat(IndexedSearch.scoreOf(indexed.search("Sylvia Ageloff", EntityKind.PERSON, 0, 100), after),
                equalTo(2.0));
        // the trigram index, which only search's fallback reads, is built on the live table after the swap, valid
        // (within less than the minute after which a running gateway would build what a stopped one left)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().header("Authorization", ADMIN).get("/api/admin/read-model").then()
                        .body("indexesPending", hasSize(0)));
        assertEquals(Set.of("true"), names(TRIGRAM_INDEX_VALID));
        // with the names the migrations gave them: a later migration that drops an index by name still can
        assertEquals(indexes, names(INDEX_NAMES));
        assertEquals(constraints, names(CONSTRAINT_NAMES));
    }

    /**
     * A gateway that swapped in a rebuild and stopped while it built the trigram index left it pending, and invalid (a
     * concurrent build cut off). Search's fallback answers meanwhile, without it; the next gateway to start builds it.
     */
    @Test
    void anIndexLeftPendingAfterASwapIsReportedAndBuiltWhenAGatewayStartsAndSearchAnswersMeanwhile() throws Exception {
        UUID jacson = UUID.randomUUID();
        personWithAlias(jacson, "Ramón Mercader", "Jacques Vandendreschd");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/people/" + jacson).statusCode() == 200);
        String definition = names("select indexdef from pg_indexes where indexname = 'search_term_names'").iterator()
                .next();
        try (Connection c = dataSource.getConnection()) {
            try (var s = c.createStatement()) {
                s.execute("update pg_index set indisvalid = false where indexrelid = 'search_term_names'::regclass");
            }
            try (var p = c.prepareStatement("insert into read_model_pending_index (name, definition) values (?, ?)")) {
                p.setString(1, "search_term_names");
                p.setString(2, definition);
                p.executeUpdate();
            }
        }
        given().header("Authorization", ADMIN).get("/api/admin/read-model").then().statusCode(200)
                .body("indexesPending", equalTo(List.of("search_term_names")));
        assertEquals(Set.of("false"), names(TRIGRAM_INDEX_VALID));
        // a misspelled alias (no word matches: the similar names step) is still found by PostgreSQL's statements,
        // which scan for similar names without the index
        assertThat(IndexedSearch.ids(indexed.byDatabase("Vandendrechd", EntityKind.PERSON, 0, 20)), hasItem(jacson));

        GatewayRestart.buildPendingIndexes(indexes); // a gateway starts (a running one would within a minute)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().header("Authorization", ADMIN).get("/api/admin/read-model").then()
                        .body("indexesPending", hasSize(0)));
        assertEquals(Set.of("true"), names(TRIGRAM_INDEX_VALID));
        assertThat(names(INDEX_NAMES), hasItem("search_term.search_term_names"));
        assertThat(IndexedSearch.ids(indexed.byDatabase("Vandendrechd", EntityKind.PERSON, 0, 20)), hasItem(jacson));
    }

    /** Whether a session waits for a lock on projector_state. */
    private boolean aSwapWaits() throws SQLException {
        return !names("select l.pid::text from pg_locks l join pg_class c on c.oid = l.relation "
                + "where c.relname = 'projector_state' and not l.granted").isEmpty();
    }

    private Set<String> names(String query) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(query)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
