package org.memoria.local;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning, for tests that check what a service published. */
public final class TopicProbe {

    /** A record as a test sees it: key, CloudEvents headers as text, value as text (null for a tombstone). */
    public record Event(String key, Map<String, String> headers, String value) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private TopicProbe() {
    }

    /**
     * Every record with this key that was published once {@code published} held: reads every partition from the
     * start while it waits for {@code published} (typically {@link #outboxDrained}: the service's outbox has no unsent
     * row, so everything a test wrote has been acknowledged by the broker), then goes on to the end offsets as they
     * were at that moment. Reading to the end, rather than stopping at the record a test expects, is what lets a test
     * see a duplicate. Fails if {@code published} does not hold, or the end is not reached, within the timeout.
     */
    public static List<Event> eventsFor(String bootstrapServers, String topic, String key, BooleanSupplier published,
            Duration timeout) {
        List<Event> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = null;
            while (ends == null || !reached(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(ends == null
                            ? "Not everything was published to " + topic + " within " + timeout
                            : "Could not read " + topic + " to its end within " + timeout);
                }
                if (ends == null && published.getAsBoolean()) {
                    ends = consumer.endOffsets(partitions);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (key.equals(r.key())) {
                        var headers = new java.util.TreeMap<String, String>();
                        for (Header h : r.headers()) {
                            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                        }
                        events.add(new Event(r.key(), headers,
                                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return events;
    }

    /** Whether a service's transactional outbox ({@code outbox_event}) has no row left to publish. */
    public static BooleanSupplier outboxDrained(DataSource dataSource) {
        return () -> {
            try (Connection c = dataSource.getConnection();
                    var s = c.prepareStatement("select count(*) from outbox_event where sent_at is null");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
