package org.memoria.gateway.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.memoria.common.events.ChangeEvent;
import org.memoria.common.events.TopicAdmin;
import org.memoria.common.events.Topics;
import org.memoria.gateway.config.GatewayConfig;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Consumes the three owners' topics into the read model. Each poll is applied in one database transaction, and
 * the Kafka offsets are committed only after that transaction committed; if the process dies in between, the
 * records are delivered again and change nothing (versions). A record that cannot be applied is kept in
 * {@code projection_failure}, never dropped silently.
 */
@ApplicationScoped
public class ChangeEventProjector {

    private static final Logger LOG = Logger.getLogger(ChangeEventProjector.class);

    @Inject
    DataSource dataSource;
    @Inject
    ReadModelWriter writer;
    @Inject
    GatewayConfig config;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Instant lastPoll;
    private volatile long applied;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().name("read-model-projector").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /** When the projector last heard from the broker (null before the first poll). */
    public Instant lastPoll() {
        return lastPoll;
    }

    /** Events that changed the read model since start. */
    public long applied() {
        return applied;
    }

    private void run() {
        TopicAdmin.ensureTopics(bootstrapServers, Topics.ALL, 3, () -> running);
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
                consumer = c;
                c.subscribe(Topics.ALL);
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    lastPoll = Instant.now();
                    if (!records.isEmpty()) {
                        applied += apply(records);
                        c.commitSync();
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (Exception e) {
                // uncommitted records are delivered again by the next consumer: nothing is lost
                LOG.warnf(e, "Projector failed; resuming from the last committed offsets");
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    private int apply(ConsumerRecords<String, byte[]> records) throws SQLException {
        int changed = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (applyOne(connection, record)) {
                        changed++;
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return changed;
    }

    /**
     * A record that cannot be parsed fails before any SQL runs (the writer parses first), so recording the failure
     * leaves the batch's transaction clean; a database error aborts the whole batch, which is then retried.
     */
    private boolean applyOne(Connection connection, ConsumerRecord<String, byte[]> record) throws SQLException {
        try {
            return writer.apply(connection, ChangeEvent.from(record));
        } catch (java.io.IOException | IllegalArgumentException e) {
            LOG.errorf("Cannot apply %s/%d@%d: %s", record.topic(), record.partition(), record.offset(), e);
            try (PreparedStatement s = connection.prepareStatement("insert into projection_failure "
                    + "(topic, partition_no, offset_no, record_key, error) values (?, ?, ?, ?, ?)")) {
                s.setString(1, record.topic());
                s.setInt(2, record.partition());
                s.setLong(3, record.offset());
                s.setString(4, record.key());
                s.setString(5, e.toString());
                s.executeUpdate();
            }
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
