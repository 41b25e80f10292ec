package org.memoria.gateway.events;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.memoria.common.events.ChangeEvent;
import org.memoria.common.events.Topics;
import org.memoria.gateway.events.DeadLetters.Letter;
import org.memoria.gateway.events.DeadLetters.Recorded;
import org.memoria.gateway.events.ReadModelWriter.Outcome;
import org.memoria.gateway.events.ReadModelWriter.Parsed;
import org.memoria.gateway.events.ReadModelWriter.Rejected;
import org.memoria.gateway.events.ReadModelWriter.Tables;

/**
 * One consumer of the three topics (or, in a rebuild, of one of them) writing into one set of read-model tables. Each poll is applied in one database
 * transaction, and the Kafka offsets are committed only after that transaction committed; if the process dies in
 * between, the records come again and change nothing (versions). A record that cannot be applied, whatever the
 * reason, is set aside as a dead letter ({@link DeadLetters}) in the transaction that moves past it, so that it never
 * stops the others: if a batch fails, it is rolled back and applied again record by record to find the culprit. Only
 * a failure of the database itself (connection, deadlock, shutdown) stops the batch, which is then retried.
 */
final class ProjectionRun implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectionRun.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final DataSource dataSource;
    private final ReadModelWriter writer;
    private final DeadLetters deadLetters;
    private final Tables tables;
    private long applied;
    private long consumed;
    private final String group;
    /** The topics it consumes. */
    private final List<String> topics;
    /** The partitions the group gave this consumer (possibly none); null until it joined. */
    private volatile Set<TopicPartition> assigned;
    /** Where the live run reports itself; null for a rebuild's run. Set and used on the projector's thread. */
    private ProjectorTelemetry telemetry;

    /**
     * A member of the group, subscribed to the three topics: the group gives it its partitions.
     *
     * @param membership consumer settings for this run's group membership (e.g. a static member's
     *                   {@code group.instance.id} and session timeout); empty for an ordinary dynamic member
     */
    ProjectionRun(String bootstrapServers, String group, int maxBatch, DataSource dataSource, ReadModelWriter writer,
            DeadLetters deadLetters, Tables tables, Map<String, Object> membership) {
        this(bootstrapServers, group, maxBatch, dataSource, writer, deadLetters, tables, membership, null);
    }

    ProjectionRun(String bootstrapServers, String group, int maxBatch, DataSource dataSource, ReadModelWriter writer,
            DeadLetters deadLetters, Tables tables) {
        this(bootstrapServers, group, maxBatch, dataSource, writer, deadLetters, tables, Map.of());
    }

    /**
     * A consumer that takes every partition of one topic itself, with no group membership and so no rebalance, and
     * commits its offsets under {@code group}: a rebuild runs one per topic, side by side, and the group's offsets
     * then name every partition of the three, as a member subscribed to them would have left them.
     */
    static ProjectionRun ofTopic(String topic, String bootstrapServers, String group, int maxBatch,
            DataSource dataSource, ReadModelWriter writer, DeadLetters deadLetters, Tables tables) {
        return new ProjectionRun(bootstrapServers, group, maxBatch, dataSource, writer, deadLetters, tables, Map.of(),
                topic);
    }

    private ProjectionRun(String bootstrapServers, String group, int maxBatch, DataSource dataSource,
            ReadModelWriter writer, DeadLetters deadLetters, Tables tables, Map<String, Object> membership,
            String ownTopic) {
        this.dataSource = dataSource;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.tables = tables;
        this.group = group;
        this.topics = ownTopic == null ? Topics.ALL : List.of(ownTopic);
        Map<String, Object> settings = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxBatch,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        settings.putAll(membership);
        this.consumer = new KafkaConsumer<>(settings);
        if (ownTopic != null) {
            try {
                List<TopicPartition> partitions = partitions(List.of(ownTopic));
                consumer.assign(partitions);
                assigned = Set.copyOf(partitions);
            } catch (RuntimeException e) {
                consumer.close();
                throw e;
            }
            return;
        }
        consumer.subscribe(Topics.ALL, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                assigned = null;
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned = Set.copyOf(consumer.assignment());
            }
        });
    }

    private List<TopicPartition> partitions(Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo partition : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        }
        return partitions;
    }

    /** Reports this run's lag, progress and spans there from now on (the live projector's run; a rebuild's is not). */
    void observe(ProjectorTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** Polls once and applies what came; returns the number of records consumed. */
    int pollOnce(Duration timeout) throws SQLException {
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        if (telemetry != null) {
            reportLag();
        }
        if (records.isEmpty()) {
            return 0;
        }
        try (ProjectorTelemetry.Batch batch = telemetry == null ? ProjectorTelemetry.Batch.NONE
                : telemetry.begin(records)) {
            int changed;
            try {
                changed = apply(records);
                consumer.commitSync();
            } catch (SQLException | RuntimeException e) {
                batch.failed(e);
                throw e;
            }
            applied += changed;
            if (telemetry != null) {
                telemetry.projected(records, changed);
            }
        }
        consumed += records.count();
        return records.count();
    }

    /** The lag of each partition as the consumer knows it from its last fetch: no call to the broker. */
    private void reportLag() {
        Set<TopicPartition> held = consumer.assignment();
        Map<TopicPartition, Long> lags = new HashMap<>();
        for (TopicPartition tp : held) {
            consumer.currentLag(tp).ifPresent(lag -> lags.put(tp, lag));
        }
        telemetry.polled(held, lags);
    }

    /**
     * Consumes until its position on every partition of these topics reached the end offset the partition had at one
     * moment: once this consumer is assigned them all, their end offsets are asked in one request and become a fixed
     * target, however fast records keep arriving after it. The last polls may bring records past the target, which
     * are applied (and committed) like the others. Answers false if {@code keepGoing} stopped it first.
     */
    boolean catchUpToEndAsOfNow(Collection<String> topics, BooleanSupplier keepGoing) throws SQLException {
        List<TopicPartition> partitions = partitions(topics);
        // asked before the assignment, the end offsets would be right, but the consumer warns about each partition
        while (!consumer.assignment().containsAll(partitions)) {
            if (!keepGoing.getAsBoolean()) {
                return false;
            }
            pollOnce(Duration.ofMillis(200));
        }
        Map<TopicPartition, Long> targets = consumer.endOffsets(partitions);
        while (keepGoing.getAsBoolean()) {
            if (reached(targets)) {
                return true;
            }
            pollOnce(Duration.ofMillis(200));
        }
        return false;
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Commits this consumer's position on every assigned partition, including those where no poll brought a record
     * (so the group's offsets name every partition). Every record below a position was returned by a poll, and
     * {@link #pollOnce} returns only after the records it polled were applied in a committed transaction: the
     * committed offsets say exactly what the tables hold.
     */
    void commitPositions() {
        consumer.commitSync();
    }

    String group() {
        return group;
    }

    /** The topics it consumes: the three, or the one a rebuild gave it. */
    List<String> topics() {
        return topics;
    }

    /** The partitions this consumer was given; null until it joined the group (or while it rebalances). */
    Set<TopicPartition> assigned() {
        return assigned;
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
        Map<Parsed, ConsumerRecord<String, byte[]>> origin = new IdentityHashMap<>();
        List<Letter> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Parsed p = writer.parse(ChangeEvent.from(record));
                parsed.add(p);
                origin.put(p, record);
            } catch (IOException | RuntimeException e) {
                letters.add(letter(record, e));
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Outcome outcome;
                try {
                    outcome = writer.apply(connection, parsed, tables);
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    if (DeadLetters.isTransient(e)) {
                        throw e;
                    }
                    LOG.debugf("A batch of %d records failed (%s); applying them one by one", parsed.size(), e);
                    outcome = applyOneByOne(connection, parsed, origin, letters);
                }
                for (Rejected r : outcome.rejected()) {
                    letters.add(new Letter(origin.get(r.event()), r.reason(), null));
                }
                List<Recorded> recorded = deadLetters.record(connection, letters);
                connection.commit();
                deadLetters.committed(recorded);
                return outcome.changed();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * After a batch failed: each record in its own savepoint, in order, on one transaction, so that the records that
     * apply are applied once and the one that does not is set aside; a failure of the database itself (not of a
     * record) is thrown, and the caller rolls back and retries the batch later.
     */
    private Outcome applyOneByOne(Connection connection, List<Parsed> parsed,
            Map<Parsed, ConsumerRecord<String, byte[]>> origin, List<Letter> letters) throws SQLException {
        int changed = 0;
        List<Rejected> rejected = new ArrayList<>();
        for (Parsed p : parsed) {
            Savepoint before = connection.setSavepoint();
            try {
                Outcome one = writer.apply(connection, List.of(p), tables);
                connection.releaseSavepoint(before);
                changed += one.changed();
                rejected.addAll(one.rejected());
            } catch (SQLException | RuntimeException e) {
                if (DeadLetters.isTransient(e)) {
                    throw e;
                }
                connection.rollback(before);
                letters.add(letter(origin.get(p), e));
            }
        }
        return new Outcome(changed, rejected);
    }

    private static Letter letter(ConsumerRecord<String, byte[]> record, Exception e) {
        return new Letter(record, DeadLetters.reason(e), DeadLetters.isExpected(e) ? null : e);
    }

    /** Closes the consumer, leaving the group so that its partitions go to another member at once. */
    @Override
    public void close() {
        consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(5)));
    }
}
