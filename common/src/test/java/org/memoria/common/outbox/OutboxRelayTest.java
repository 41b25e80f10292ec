package org.memoria.common.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.memoria.common.events.CloudEvents;
import org.memoria.common.events.TopicAdmin;
import org.memoria.local.PostgresServer;
import org.memoria.local.SharedInfrastructure;
import org.memoria.local.TopicProbe;
import org.postgresql.ds.PGSimpleDataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The outbox relay against the real PostgreSQL and Kafka broker of the tests, without Quarkus: relays are made by
 * hand, so that two of them can share one table and a test can hold the lock or break a send.
 */
class OutboxRelayTest {

    private static final String TOPIC = "memoria.test.relay.v1";
    private static final String MISSING_TOPIC = "memoria.test.missing.v1";

    private static DataSource dataSource;
    private static String kafka;
    private final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeAll
    static void database() throws SQLException {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        infrastructure.postgres().ensureDatabase("outbox");
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(infrastructure.postgres().jdbcUrl("outbox"));
        pg.setUser(PostgresServer.USER);
        pg.setPassword(PostgresServer.PASSWORD);
        dataSource = pg;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/common").load().migrate();
        kafka = infrastructure.kafka().bootstrapServers();
        TopicAdmin.ensureTopics(kafka, List.of(TOPIC), 3, () -> true);
    }

    @BeforeEach
    void emptyOutbox() throws SQLException {
        execute("delete from outbox_event");
    }

    @AfterEach
    void closeRelays() throws InterruptedException {
        for (OutboxRelay relay : relays) {
            relay.stop(null);
        }
    }

    private OutboxRelay relay(Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>(Map.of("memoria.outbox.source", "/memoria/test",
                "memoria.outbox.topic", TOPIC, "memoria.outbox.batch-size", "50",
                "memoria.outbox.producer.max-block", "2s"));
        properties.putAll(settings);
        OutboxRelay relay = new OutboxRelay();
        relay.config = new SmallRyeConfigBuilder().withMapping(OutboxConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "1s" as in application.properties
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(OutboxConfig.class);
        relay.dataSource = dataSource;
        relay.bootstrapServers = kafka;
        relay.open();
        relays.add(relay);
        return relay;
    }

    @Test
    void aFailedSendMarksNothingOfItsBatchAsSent() throws Exception {
        OutboxRelay relay = relay(Map.of());
        UUID trotsky = UUID.randomUUID();
        append(TOPIC, trotsky, 0);
        // the broker refuses the second row (its topic does not exist); the first one it acknowledges
        append(MISSING_TOPIC, UUID.randomUUID(), 0);
        append(TOPIC, trotsky, 1);

        assertThrows(Exception.class, relay::relayBatch);
        assertEquals(3, count("sent_at is null"), "a batch is marked sent only once every row of it was acknowledged");

        // the next attempt publishes everything again: at least once, never lost
        TopicAdmin.ensureTopics(kafka, List.of(MISSING_TOPIC), 1, () -> true);
        assertEquals(3, relay.relayBatch());
        assertEquals(0, count("sent_at is null"));
    }

    @Test
    void whileOneRelayHoldsTheLockAnotherPublishesNothing() throws Exception {
        OutboxRelay relay = relay(Map.of());
        UUID sedova = UUID.randomUUID();
        append(TOPIC, sedova, 0);
        try (Connection other = dataSource.getConnection()) {
            // the lock as another replica's relay holds it for the length of its batch
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.LOCK_KEY);
                lock.executeQuery().close();
            }
            assertEquals(0, relay.relayBatch());
            assertEquals(1, count("sent_at is null"));
            other.commit();
        }
        assertEquals(1, relay.relayBatch());
        assertEquals(0, count("sent_at is null"));
    }

    @Test
    void twoRelaysSharingTheTablePublishEachRowOnceInOrderPerEntity() throws Exception {
        List<UUID> entities = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            entities.add(UUID.randomUUID());
        }
        for (int version = 0; version < 40; version++) {
            for (UUID entity : entities) {
                append(TOPIC, entity, version);
            }
        }
        List<OutboxRelay> both = List.of(relay(Map.of()), relay(Map.of()));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (OutboxRelay relay : both) {
                running.add(threads.submit(() -> {
                    while (count("sent_at is null") > 0) {
                        relay.relayAll();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        for (UUID entity : entities) {
            List<TopicProbe.Event> events = TopicProbe.eventsFor(kafka, TOPIC, entity.toString(),
                    TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));
            assertEquals(40, events.size(), () -> "each row exactly once: " + events.size() + " events of " + entity);
            for (int version = 0; version < 40; version++) {
                assertEquals(Integer.toString(version), events.get(version).header(CloudEvents.H_ENTITY_VERSION));
            }
        }
    }

    @Test
    void purgesPublishedRowsOnItsIntervalEvenWhenNoBatchComesBackEmpty() throws Exception {
        OutboxRelay relay = relay(Map.of("memoria.outbox.batch-size", "2", "memoria.outbox.retention", "1h",
                "memoria.outbox.purge-interval", "1h"));
        UUID old = append(TOPIC, UUID.randomUUID(), 0);
        UUID recent = append(TOPIC, UUID.randomUUID(), 0);
        execute("update outbox_event set sent_at = now() - interval '2 hours' where event_id = '" + old + "'");
        execute("update outbox_event set sent_at = now() - interval '10 minutes' where event_id = '" + recent + "'");
        // steady load: three rows waiting, batches of two, so the relay never sees an empty batch
        for (int version = 0; version < 3; version++) {
            append(TOPIC, UUID.randomUUID(), version);
        }

        relay.relayAll();

        assertEquals(0, count("sent_at is null"));
        assertEquals(0, count("event_id = '" + old + "'"), "a row published longer ago than the retention is purged");
        assertEquals(1, count("event_id = '" + recent + "'"), "a row published within the retention is kept");
        assertEquals(4, count("true"));

        // within the interval the relay does not purge again
        execute("update outbox_event set sent_at = now() - interval '2 hours' where event_id = '" + recent + "'");
        append(TOPIC, UUID.randomUUID(), 0);
        relay.relayAll();
        assertEquals(1, count("event_id = '" + recent + "'"));
    }

    @Test
    void aRowsTraceContextIsPublishedAsTheCloudEventsTraceparentAttribute() throws Exception {
        OutboxRelay relay = relay(Map.of());
        UUID traced = UUID.randomUUID();
        UUID untraced = UUID.randomUUID();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        UUID tracedEvent = append(TOPIC, traced, 0);
        execute("update outbox_event set traceparent = '" + traceparent + "' where event_id = '" + tracedEvent + "'");
        append(TOPIC, untraced, 0);

        relay.relayAll();

        List<TopicProbe.Event> events = TopicProbe.eventsFor(kafka, TOPIC, traced.toString(),
                TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));
        assertEquals(traceparent, events.getFirst().header(CloudEvents.H_TRACEPARENT));
        List<TopicProbe.Event> plain = TopicProbe.eventsFor(kafka, TOPIC, untraced.toString(),
                TopicProbe.outboxDrained(dataSource), Duration.ofSeconds(30));
        assertFalse(plain.getFirst().headers().containsKey(CloudEvents.H_TRACEPARENT), "no trace, no attribute");
    }

    private OutboxMetrics metrics(OutboxRelay relay, MeterRegistry registry) {
        OutboxMetrics metrics = new OutboxMetrics();
        metrics.dataSource = dataSource;
        metrics.config = relay.config;
        metrics.relay = relay;
        metrics.registry = registry;
        metrics.register();
        return metrics;
    }

    @Test
    void theMetricsShowTheBacklogTheAgeOfItsOldestRowAndWhatWasPublished() throws Exception {
        OutboxRelay relay = relay(Map.of());
        UUID first = append(TOPIC, UUID.randomUUID(), 0);
        append(TOPIC, UUID.randomUUID(), 0);
        append(TOPIC, UUID.randomUUID(), 1);
        execute("update outbox_event set created_at = now() - interval '90 seconds' where event_id = '" + first + "'");

        MeterRegistry before = new SimpleMeterRegistry();
        metrics(relay, before);
        assertEquals(3, before.get("memoria.outbox.unsent").tag("topic", TOPIC).gauge().value());
        double age = before.get("memoria.outbox.oldest.unsent.age").gauge().value();
        assertTrue(age >= 90 && age < 150, "the oldest unsent row waited 90 s, not " + age);
        assertEquals(0, before.get("memoria.outbox.published").functionCounter().count());

        relay.relayAll();

        MeterRegistry after = new SimpleMeterRegistry();
        metrics(relay, after);
        assertEquals(0, after.get("memoria.outbox.unsent").gauge().value());
        assertEquals(0, after.get("memoria.outbox.oldest.unsent.age").gauge().value());
        assertEquals(3, after.get("memoria.outbox.published").tag("topic", TOPIC).functionCounter().count());
    }

    @Test
    void theRelaysSettingsHaveDefaults() {
        OutboxConfig config = relay(Map.of()).config;
        assertEquals(Duration.ofMinutes(1), config.purgeInterval());
        assertEquals(Duration.ofHours(1), config.retention());
        assertEquals(Duration.ofSeconds(30), config.producer().deliveryTimeout());
        assertEquals(Duration.ofSeconds(10), config.producer().requestTimeout());
        assertEquals(Duration.ZERO, config.producer().linger());
    }

    private static UUID append(String topic, UUID entity, long version) throws SQLException {
        UUID eventId = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); var insert = c.prepareStatement("insert into outbox_event "
                + "(event_id, topic, aggregate_type, aggregate_id, event_type, entity_version, payload) "
                + "values (?, ?, 'person', ?, ?, ?, ?)")) {
            insert.setObject(1, eventId);
            insert.setString(2, topic);
            insert.setObject(3, entity);
            insert.setString(4, CloudEvents.changedType("person"));
            insert.setLong(5, version);
            insert.setBytes(6, ("{\"version\":" + version + "}").getBytes());
            insert.executeUpdate();
        }
        return eventId;
    }

    private static long count(String where) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from outbox_event where " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
