package org.memoria.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.memoria.common.contract.events.PlaceState;
import org.memoria.common.contract.people.PersonState;
import org.memoria.common.contract.sources.SourceState;
import org.memoria.common.contract.sources.SourceType;
import org.memoria.common.events.Topics;
import org.memoria.gateway.events.ChangeEventProjector;
import org.memoria.gateway.events.GatewayRestart;
import org.memoria.local.MemoriaTestResource;
import org.memoria.local.TestTokens;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * A read-model rebuild ends while writes keep coming and loses none of them, and one whose gateway died is
 * abandoned cleanly when a gateway starts: the status lives in the database, not in a process.
 */
@QuarkusTest
@WithTestResource(value = MemoriaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
class ReadModelRebuildTest extends PublishingTest {

    private static final String STATUS = "/api/admin/read-model";
    private static final String REBUILD = "/api/admin/read-model/rebuild";
    private static final String STOPPED = "the gateway stopped during the rebuild; start it again";
    private static final List<String> SHADOW_TABLES = List.of("entity_rebuild", "link_rebuild", "search_term_rebuild");

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;
    @Inject
    ChangeEventProjector projector;

    private static PersonState person(UUID id, long version) {
        return new PersonState(id, version, name(id, version), List.of(), null, null, null, null, null, null);
    }

    /** A change of a person, a place or a source (one of each topic, which a rebuild replays side by side). */
    private void change(int topic, UUID id, long version) {
        switch (topic) {
            case 0 -> owners.changed(Topics.PEOPLE, "person", id, version, person(id, version));
            case 1 -> owners.changed(Topics.EVENTS, "place", id, version, new PlaceState(id, version, name(id, version),
                    List.of(), null, null, null, null, null));
            default -> owners.changed(Topics.SOURCES, "source", id, version, new SourceState(id, version,
                    SourceType.REPORT, name(id, version), List.of(), List.of(), List.of(), null, null, null, null, null,
                    null));
        }
    }

    private static final List<String> PATHS = List.of("/api/people/", "/api/places/", "/api/sources/");
    private static final List<String> NAMES = List.of("preferredName", "name", "title");

    private static String name(UUID id, long version) {
        return "Guard " + id.toString().substring(0, 8) + " v" + version;
    }

    @Test
    void aRebuildStartedWhileWritesKeepComingEndsAndEveryWriteIsInTheReadModel() throws Exception {
        Map<UUID, Long> lastVersion = new ConcurrentHashMap<>();
        Map<UUID, Integer> topicOf = new ConcurrentHashMap<>();
        List<UUID> ids = new CopyOnWriteArrayList<>();
        Set<UUID> writtenAfterTheRebuild = ConcurrentHashMap.newKeySet();
        AtomicBoolean rebuilt = new AtomicBoolean();
        AtomicLong published = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
        long publishedWhenDone;
        try {
            // about 100 changes a second to people, places and sources: half of them new entities, half new versions
            // of entities written before
            producer.scheduleAtFixedRate(() -> {
                try {
                    boolean fresh = ids.size() < 20 || ThreadLocalRandom.current().nextBoolean();
                    UUID id = fresh ? UUID.randomUUID() : ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    long version = fresh ? 0 : lastVersion.get(id) + 1;
                    boolean afterRebuild = rebuilt.get();
                    int topic = fresh ? ids.size() % 3 : topicOf.get(id);
                    change(topic, id, version); // acknowledged
                    lastVersion.put(id, version);
                    topicOf.put(id, topic);
                    if (fresh) {
                        ids.add(id);
                    }
                    if (afterRebuild) {
                        writtenAfterTheRebuild.add(id);
                    }
                    published.incrementAndGet();
                } catch (RuntimeException | Error e) {
                    failed.compareAndSet(null, e);
                    throw e;
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> published.get() >= 200 || failed.get() != null);

            asAdmin().post(REBUILD).then().statusCode(202).body("state", equalTo("RUNNING"));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String state = asAdmin().get(STATUS).then().statusCode(200).extract().path("lastRebuild.state");
                assertNotFailed(state);
                return state.equals("DONE");
            });
            publishedWhenDone = published.get();
            rebuilt.set(true);
            // writes go on after the swap, into the rebuilt read model
            await().atMost(Duration.ofSeconds(20)).until(() -> published.get() >= publishedWhenDone + 100
                    || failed.get() != null);
        } finally {
            producer.shutdown(); // the change being sent is acknowledged, then no more
            assertTrue(producer.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertNull(failed.get(), () -> "the producer failed: " + failed.get());
        assertTrue(publishedWhenDone > 200, "the rebuild ran while writes kept coming");
        assertFalse(writtenAfterTheRebuild.isEmpty());
        asAdmin().get(STATUS).then().body("lastRebuild.events", greaterThan(0))
                .body("lastRebuild.finishedAt", notNullValue());

        // every entity at the last version written: those replayed, those drained at the swap, those written since
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (UUID id : ids) {
                long version = lastVersion.get(id);
                int topic = topicOf.get(id);
                given().get(PATHS.get(topic) + id).then().statusCode(200)
                        .header("ETag", startsWith("\"" + version + ".")).body(NAMES.get(topic), equalTo(name(id, version)));
            }
        });
        assertTrue(Set.copyOf(topicOf.values()).containsAll(List.of(0, 1, 2)), "changes went to every topic");
        // and the change feed holds every entity at that version: those the rebuild alone applied (drained at the swap)
        // too, which the live projector never saw
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertEquals(Map.of(), behindInFeed(lastVersion)));
    }

    /** The entities whose newest version in the change feed is not the last one written, with the feed's (or none). */
    private Map<UUID, Long> behindInFeed(Map<UUID, Long> written) throws SQLException {
        Map<UUID, Long> newest = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); var s = c.prepareStatement("select entity_id, max(version) "
                + "from change_feed where entity_id = any(?) group by entity_id")) {
            s.setArray(1, c.createArrayOf("uuid", written.keySet().toArray()));
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    newest.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        Map<UUID, Long> behind = new java.util.HashMap<>();
        written.forEach((id, version) -> {
            if (!version.equals(newest.get(id))) {
                behind.put(id, newest.getOrDefault(id, -1L));
            }
        });
        return behind;
    }

    @Test
    void aRebuildWhoseGatewayDiedIsAbandonedWhenAGatewayStartsAndANewOneRuns() throws Exception {
        UUID kept = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", kept, 3, person(kept, 3));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/people/" + kept).statusCode() == 200);
        long dead;
        String deadStartedAt;
        int otherSession;
        Warnings warnings = Warnings.of(ChangeEventProjector.class);
        try {
            // another gateway, mid-rebuild: it holds the lock, recorded the rebuild, and filled the shadow tables in part
            try (Connection otherGateway = DriverManager.getConnection(jdbcUrl, user, password);
                    var s = otherGateway.createStatement()) {
                try (var lock = s.executeQuery("select pg_backend_pid(), pg_advisory_lock(" + GatewayRestart.REBUILD_LOCK
                        + ")")) {
                    lock.next();
                    otherSession = lock.getInt(1);
                }
                try (var row = s.executeQuery("insert into read_model_rebuild (state, consumer_group) "
                        + "values ('RUNNING', 'memoria-gateway-" + UUID.randomUUID() + "') returning id, started_at")) {
                    row.next();
                    dead = row.getLong(1);
                    deadStartedAt = row.getObject(2, OffsetDateTime.class).toInstant().toString();
                }
                for (String table : List.of("entity", "link", "search_term")) {
                    s.execute("create table " + table + "_rebuild (like " + table + " including all)");
                }
                s.execute("insert into entity_rebuild select * from entity where id = '" + kept + "'");
                s.execute("update entity_rebuild set label = 'half-built', version = 9");

                // while that gateway lives, its rebuild is not dead: a gateway starting leaves it alone, and a
                // request for a rebuild here answers the one running there
                assertEquals(0, GatewayRestart.recoverRebuilds(projector));
                asAdmin().post(REBUILD).then().statusCode(202).body("state", equalTo("RUNNING"))
                        .body("startedAt", equalTo(deadStartedAt));
                asAdmin().get(STATUS).then().statusCode(200).body("lastRebuild.state", equalTo("RUNNING"))
                        .body("lastRebuild.startedAt", equalTo(deadStartedAt));
                assertEquals(SHADOW_TABLES, existingShadowTables());
                assertEquals("RUNNING", stateOf(dead));
            } // that gateway is killed: its session ends, and its lock with it
            await().atMost(Duration.ofSeconds(10)).until(() -> !sessionAlive(otherSession));

            // the next gateway to start finds the rebuild running with nobody holding it
            assertEquals(1, GatewayRestart.recoverRebuilds(projector));
            assertEquals("ABANDONED", stateOf(dead));
            assertEquals(List.of(), existingShadowTables());
            assertEquals(0, GatewayRestart.recoverRebuilds(projector)); // a second start finds nothing to do
            assertEquals(1, warnings.count(), () -> "WARN lines: " + warnings.messages);
            assertTrue(warnings.messages.get(0).contains(STOPPED), warnings.messages::toString);
        } finally {
            warnings.close();
        }
        // every replica reports it so, and the live read model is as it was
        asAdmin().get(STATUS).then().statusCode(200).body("lastRebuild.state", equalTo("ABANDONED"))
                .body("lastRebuild.abandonedReason", equalTo(STOPPED))
                .body("lastRebuild.startedAt", equalTo(deadStartedAt))
                .body("lastRebuild.finishedAt", notNullValue());
        given().get("/api/people/" + kept).then().statusCode(200).header("ETag", startsWith("\"3."))
                .body("preferredName", equalTo(name(kept, 3)));

        // and a rebuild can run again, to the end
        asAdmin().post(REBUILD).then().statusCode(202).body("state", equalTo("RUNNING"))
                .body("startedAt", not(equalTo(deadStartedAt)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String state = asAdmin().get(STATUS).then().statusCode(200).extract().path("lastRebuild.state");
            assertNotFailed(state);
            return state.equals("DONE");
        });
        given().get("/api/people/" + kept).then().statusCode(200).header("ETag", startsWith("\"3."))
                .body("preferredName", equalTo(name(kept, 3)));
        assertEquals(List.of(), existingShadowTables());
    }

    /**
     * A view reads its tables one statement after another in one transaction. A reader holding one table while the
     * swap waits for it must not deadlock with the swap when it asks for the next: the swap lets go and tries again,
     * so both the reader and the rebuild succeed.
     */
    @Test
    void aReaderHoldingOneTableAtTheSwapIsNotDeadlockedAndTheRebuildStillSwaps() throws Exception {
        UUID kept = UUID.randomUUID();
        owners.changed(Topics.PEOPLE, "person", kept, 0, person(kept, 0));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/people/" + kept).statusCode() == 200);
        try (Connection reader = DriverManager.getConnection(jdbcUrl, user, password);
                Connection watcher = DriverManager.getConnection(jdbcUrl, user, password)) {
            reader.setAutoCommit(false);
            try (var s = reader.createStatement()) {
                s.executeQuery("select count(*) from link").close(); // the reader holds link until it commits
                asAdmin().post(REBUILD).then().statusCode(202);
                // the swap has the tables before link and waits for link
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
                    try (var w = watcher.createStatement(); var rs = w.executeQuery("select count(*) from pg_locks "
                            + "where relation = 'link'::regclass and mode = 'AccessExclusiveLock' and not granted")) {
                        rs.next();
                        return rs.getInt(1) > 0;
                    }
                });
                // the reader's next statement needs entity, which the swap locked first: no deadlock, it is answered
                try (var rs = s.executeQuery("select count(*) from entity where id = '" + kept + "'")) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "the reader still sees the live read model it started with");
                }
            }
            reader.commit();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String state = asAdmin().get(STATUS).then().statusCode(200).extract().path("lastRebuild.state");
            assertNotFailed(state);
            return state.equals("DONE");
        });
        given().get("/api/people/" + kept).then().statusCode(200).body("preferredName", equalTo(name(kept, 0)));
    }

    private static void assertNotFailed(String state) {
        if (state.equals("FAILED") || state.equals("ABANDONED")) {
            throw new AssertionError("the rebuild ended " + state + ": "
                    + asAdmin().get(STATUS).then().extract().body().asString());
        }
    }

    private List<String> existingShadowTables() throws SQLException {
        List<String> existing = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            for (String table : SHADOW_TABLES) {
                try (var rs = s.executeQuery("select to_regclass('" + table + "') is not null")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        existing.add(table);
                    }
                }
            }
        }
        return existing;
    }

    private boolean sessionAlive(int pid) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from pg_stat_activity where pid = " + pid)) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private String stateOf(long rebuild) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("select state from read_model_rebuild where id = " + rebuild)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.admin("Root"));
    }

    /** The WARN (and worse) lines a class logs while this is open. */
    private static final class Warnings extends Handler {
        private final Logger logger;
        final List<String> messages = new CopyOnWriteArrayList<>();

        private Warnings(Logger logger) {
            this.logger = logger;
        }

        static Warnings of(Class<?> type) {
            Warnings warnings = new Warnings(Logger.getLogger(type.getName()));
            warnings.logger.addHandler(warnings);
            return warnings;
        }

        int count() {
            return messages.size();
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
