package org.memoria.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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
     * Every record with this key, reading from the start of every partition until {@code done} holds for what was
     * read so far (records of one key are in one partition, in order) or the deadline passes.
     */
    public static List<Event> eventsFor(String bootstrapServers, String topic, String key, Predicate<List<Event>> done,
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
            while (!done.test(events) && System.nanoTime() < deadline) {
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
}
