package org.memoria.gateway.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.memoria.common.events.ChangeEvent;
import org.memoria.common.events.Topics;
import org.memoria.gateway.events.ReadModelWriter.Parsed;
import org.memoria.gateway.events.ReadModelWriter.Tables;

/**
 * One consumer of the three topics writing into one set of read-model tables. Each poll is applied in one database
 * transaction, and the Kafka offsets are committed only after that transaction committed; if the process dies in
 * between, the records come again and change nothing (versions). A record that cannot be parsed is kept in
 * {@code projection_failure}, never dropped silently.
 */
final class ProjectionRun implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectionRun.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final DataSource dataSource;
    private final ReadModelWriter writer;
    private final Tables tables;
    private long applied;
    private long consumed;

    ProjectionRun(String bootstrapServers, String group, int maxBatch, DataSource dataSource, ReadModelWriter writer,
            Tables tables) {
        this.dataSource = dataSource;
        this.writer = writer;
        this.tables = tables;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxBatch,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(Topics.ALL);
    }

    /** Polls once and applies what came; returns the number of records consumed. */
    int pollOnce(Duration timeout) throws SQLException {
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        if (records.isEmpty()) {
            return 0;
        }
        applied += apply(records);
        consumer.commitSync();
        consumed += records.count();
        return records.count();
    }

    /** Consumes until every partition's position reached its end offset as of now (and keepGoing holds). */
    void catchUp(BooleanSupplier keepGoing) throws SQLException {
        while (keepGoing.getAsBoolean()) {
            pollOnce(Duration.ofMillis(200));
            Collection<TopicPartition> assigned = consumer.assignment();
            if (assigned.isEmpty()) {
                continue;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            boolean done = true;
            for (TopicPartition tp : assigned) {
                if (consumer.position(tp) < ends.get(tp)) {
                    done = false;
                    break;
                }
            }
            if (done) {
                return;
            }
        }
    }

    void wakeup() {
        consumer.wakeup();
    }

    long applied() {
        return applied;
    }

    long consumed() {
        return consumed;
    }

    private int apply(ConsumerRecords<String, byte[]> records) throws SQLException {
        List<Parsed> parsed = new ArrayList<>(records.count());
        List<ConsumerRecord<String, byte[]>> failed = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                parsed.add(writer.parse(ChangeEvent.from(record)));
            } catch (java.io.IOException | IllegalArgumentException e) {
                LOG.errorf("Cannot apply %s/%d@%d: %s", record.topic(), record.partition(), record.offset(), e);
                failed.add(record);
                errors.add(e);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int changed = writer.apply(connection, parsed, tables);
                if (!failed.isEmpty()) {
                    try (PreparedStatement s = connection.prepareStatement("insert into projection_failure "
                            + "(topic, partition_no, offset_no, record_key, error) values (?, ?, ?, ?, ?)")) {
                        for (int i = 0; i < failed.size(); i++) {
                            s.setString(1, failed.get(i).topic());
                            s.setInt(2, failed.get(i).partition());
                            s.setLong(3, failed.get(i).offset());
                            s.setString(4, failed.get(i).key());
                            s.setString(5, errors.get(i).toString());
                            s.addBatch();
                        }
                        s.executeBatch();
                    }
                }
                connection.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
