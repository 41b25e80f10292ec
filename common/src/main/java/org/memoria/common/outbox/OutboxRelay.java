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
import org.memoria.common.events.CloudEventRecords;
import org.memoria.common.events.TopicAdmin;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes outbox rows to Kafka in id order (so in order per entity) with an idempotent producer and
 * {@code acks=all}, and marks them sent only after the broker acknowledged every one of them. A commit wakes it at
 * once; otherwise it polls, which is what recovers rows left by a process killed right after it answered.
 * A PostgreSQL advisory lock keeps a second replica from interleaving the same rows.
 */
@ApplicationScoped
@IfBuildProperty(name = "memoria.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x6d656d6f7269614cL;
    private static final String SELECT = "select id, event_id, topic, aggregate_id, event_type, entity_version, payload, "
            + "created_at from outbox_event where sent_at is null order by id limit ?";

    @Inject
    DataSource dataSource;
    @Inject
    OutboxConfig config;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private volatile long published;
    private KafkaProducer<String, byte[]> producer;
    private Thread thread;
    private long lastPurge;

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
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
        TopicAdmin.ensureTopics(bootstrapServers, List.of(config.topic().orElseThrow()), config.partitions(), () -> running);
        while (running) {
            try {
                signal.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                int sent;
                do {
                    sent = relayBatch();
                } while (running && sent == config.batchSize());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Outbox relay could not publish, will retry: %s", e.toString());
                pause();
            }
        }
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
            purge(connection);
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
                            rs.getBytes("payload"))));
                }
            }
        }
        return rows;
    }

    private void purge(Connection connection) throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastPurge < 60_000) {
            return;
        }
        lastPurge = now;
        try (var delete = connection.prepareStatement(
                "delete from outbox_event where sent_at < now() - make_interval(secs => ?)")) {
            delete.setDouble(1, config.retention().toSeconds());
            delete.executeUpdate();
        }
    }
}
