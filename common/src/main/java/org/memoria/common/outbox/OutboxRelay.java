package org.memoria.common.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.memoria.common.problem.RepeatedFailures;
import org.memoria.common.events.CloudEventRecords;
import org.memoria.common.events.TopicAdmin;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes outbox rows to Kafka in id order (so in order per entity) with an idempotent producer and
 * {@code acks=all}, and marks them sent only after the broker acknowledged every one of them. A commit wakes it at
 * once; otherwise it polls, which is what recovers rows left by a process killed right after it answered.
 * A PostgreSQL advisory lock keeps a second replica from interleaving the same rows. Published rows are purged after
 * the retention, on an interval, however busy the relay is.
 */
@ApplicationScoped
@IfBuildProperty(name = "memoria.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final RepeatedFailures FAILURES = new RepeatedFailures(LOG);
    /** The advisory lock that lets one relay at a time publish (the replicas of a service share the table). */
    static final long LOCK_KEY = 0x6d656d6f7269614cL;
    private static final String SELECT = "select id, event_id, topic, aggregate_id, event_type, entity_version, payload, "
            + "created_at, traceparent from outbox_event where sent_at is null order by id limit ?";

    @Inject
    DataSource dataSource;
    @Inject
    OutboxConfig config;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Semaphore signal = new Semaphore(0);
    private volatile boolean stopped;
    private volatile long published;
    private KafkaProducer<String, byte[]> producer;
    private Thread thread;
    private long lastPurge = Long.MIN_VALUE;

    void start(@Observes StartupEvent event) {
        open();
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    /** Creates the producer. */
    void open() {
        OutboxConfig.Producer settings = config.producer();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopped = true;
        signal.release();
        if (thread != null) {
            thread.join(5_000);
        }
        if (producer != null) {
            producer.close();
        }
    }

    /** Called after a transaction with outbox rows committed. */
    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Events acknowledged by the broker since start. */
    public long published() {
        return published;
    }

    private void run() {
        TopicAdmin.ensureTopics(bootstrapServers, List.of(config.topic().orElseThrow()), config.partitions(),
                () -> !stopped);
        while (!stopped) {
            try {
                signal.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                relayAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                FAILURES.warn(e.getClass().getName(), "Outbox relay could not publish, will retry: " + e);
                LOG.debug("Outbox relay failure", e);
                pause();
            }
        }
    }

    /**
     * Relays batch after batch while they come back full, and purges published rows whenever the purge interval has
     * passed, after any batch: under steady load no batch comes back empty, and the table must not grow for that.
     */
    void relayAll() throws Exception {
        int sent;
        do {
            sent = relayBatch();
            purgeIfDue();
        } while (!stopped && sent == config.batchSize());
    }

    private void pause() {
        try {
            Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Row(long id, ProducerRecord<String, byte[]> record) {
    }

    /** One transaction: lock, read a batch, publish it, wait for every acknowledgement, mark it sent. */
    int relayBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sent = relayBatch(connection);
                connection.commit();
                return sent;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int relayBatch(Connection connection) throws Exception {
        try (var lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        List<Row> rows = read(connection);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            acks.add(producer.send(row.record()));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(); // throws if the broker did not acknowledge: nothing of this batch is marked sent
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (var update = connection.prepareStatement("update outbox_event set sent_at = now() where id = any(?)")) {
            update.setArray(1, connection.createArrayOf("bigint", ids));
            update.executeUpdate();
        }
        published += rows.size();
        return rows.size();
    }

    private List<Row> read(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (var select = connection.prepareStatement(SELECT)) {
            select.setInt(1, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID subject = rs.getObject("aggregate_id", UUID.class);
                    rows.add(new Row(rs.getLong("id"), CloudEventRecords.record(rs.getString("topic"),
                            rs.getObject("event_id", UUID.class), config.source(), rs.getString("event_type"), subject,
                            rs.getObject("created_at", OffsetDateTime.class), rs.getLong("entity_version"),
                            rs.getBytes("payload"), rs.getString("traceparent"))));
                }
            }
        }
        return rows;
    }

    /** Deletes the rows published longer ago than the retention, if the purge interval has passed since the last. */
    void purgeIfDue() throws SQLException {
        long now = System.nanoTime();
        if (lastPurge != Long.MIN_VALUE && now - lastPurge < config.purgeInterval().toNanos()) {
            return;
        }
        lastPurge = now;
        try (Connection connection = dataSource.getConnection(); var delete = connection.prepareStatement(
                "delete from outbox_event where sent_at < now() - make_interval(secs => ?)")) {
            delete.setDouble(1, config.retention().toSeconds());
            int purged = delete.executeUpdate();
            LOG.debugf("Purged %d published outbox rows", purged);
        }
    }
}
