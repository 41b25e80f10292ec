package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.memoria.common.contract.people.MembershipState;
import org.memoria.common.contract.people.OrganisationState;
import org.memoria.common.contract.people.OrganisationType;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.events.Topics;
import org.memoria.local.MemoriaTestResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A composed view is read in one snapshot: while the projector applies one change to linked entities (a person and
 * their organisation renamed together), a dossier being read shows both old names or both new, never one of each.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class ViewSnapshotTest extends PublishingTest {

    private static final Duration PROJECTED = Duration.ofSeconds(20);

    @Test
    void aDossierReadWhileLinkedEntitiesChangeShowsNoHalfOfTheChange() throws Exception {
        UUID person = UUID.randomUUID();
        UUID party = UUID.randomUUID();
        UUID membership = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", person, 0,
                new PersonState(person, 0, "Before Person", List.of(), null, null, null, null, null, null));
        owners.changed(Topics.PEOPLE, "organisation", party, 0, new OrganisationState(party, 0, "Before Party",
                List.of(), OrganisationType.POLITICAL_PARTY, null, null, null, null));
        owners.changed(Topics.PEOPLE, "membership", membership, 0,
                new MembershipState(membership, 0, person, party, "member", null, null));
        await().atMost(PROJECTED).untilAsserted(() -> assertThat(names(given().get("/api/people/" + person)
                .then().statusCode(200).extract().jsonPath()), contains("Before Person", "Before Party")));

        CompletableFuture<JsonPath> dossier;
        try (Connection change = dataSource.getConnection()) {
            // the dossier the composer stored goes, so that the next read composes it live (ViewDocuments)
            try (Statement s = change.createStatement()) {
                s.execute("delete from view_document where id = '" + person + "'");
            }
            change.setAutoCommit(false);
            // one change to both entities, as a projected batch makes it (moving the stored views' epoch, as the
            // projector does); the lock on the links holds the dossier between its first statements (the epoch,
            // the person) and the next ones (the links, then the party's name)
            try (Statement s = change.createStatement()) {
                s.execute("update view_epoch set epoch = epoch + 1");
                s.execute("lock table link in access exclusive mode");
            }
            int holder = pid(change);
            rename(change, person, "After Person", "preferredName");
            rename(change, party, "After Party", "preferredName");
            dossier = CompletableFuture.supplyAsync(
                    () -> given().get("/api/people/" + person).then().statusCode(200).extract().jsonPath());
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnTheLinks(holder));
            change.commit();
        }
        assertThat("read while the change committed: both names as they were when the dossier's read began",
                names(dossier.get(10, TimeUnit.SECONDS)), contains("Before Person", "Before Party"));
        assertThat("read after it: both new", names(given().get("/api/people/" + person).then().statusCode(200)
                .extract().jsonPath()), contains("After Person", "After Party"));
    }

    private static List<String> names(JsonPath dossier) {
        return List.of(dossier.getString("preferredName"), dossier.getString("memberships[0].organisation.name"));
    }

    private static void rename(Connection c, UUID id, String name, String field) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("update entity set label = ?, "
                + "doc = jsonb_set(doc, array[?], to_jsonb(?::text)) where id = ?")) {
            p.setString(1, name);
            p.setString(2, field);
            p.setString(3, name);
            p.setObject(4, id);
            assertThat(p.executeUpdate(), is(1));
        }
    }

    /** Whether another session's query of the links waits for the lock this connection holds. */
    private boolean waitingOnTheLinks(int holder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement("select count(*) "
                + "from pg_stat_activity a where a.datname = current_database() and a.wait_event_type = 'Lock' "
                + "and a.query ilike 'select%link%' and ? = any(pg_blocking_pids(a.pid))")) {
            p.setInt(1, holder);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
