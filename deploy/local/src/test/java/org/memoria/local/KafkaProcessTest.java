package org.memoria.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's broker as its own process (what {@code LocalStack} runs): a SIGKILL loses nothing it acknowledged,
 * it comes back on the same port, and it never outlives the process that started it.
 */
class KafkaProcessTest {

    /** A process ended by SIGKILL, as {@link Process#exitValue} reports it: 128 + 9. */
    private static final int KILLED = 137;
    /** A JVM that ran its shutdown hooks on SIGTERM ends with 128 + 15. */
    private static final int TERMINATED = 143;
    /** Kafka writes it on a clean shutdown and removes it when it starts: an unclean stop leaves none. */
    private static final String CLEAN_SHUTDOWN = ".kafka_cleanshutdown";

    @TempDir
    Path dir;

    /** The broker's output, kept where a failed run can be looked into. */
    private static Path log(TestInfo test) {
        return Path.of("target", "kafka-process-test", test.getTestMethod().orElseThrow().getName() + ".log");
    }

    @Test
    void whatTheBrokerAcknowledgedSurvivesASigkillAndTheRestartedBrokerServesTheSameClients(TestInfo info) throws Exception {
        Path logs = dir.resolve("kafka");
        // as ./memoria up runs it: kept log directory, fsync on; a SIGKILL does not depend on the fsync (the page cache
        // outlives the process), so this holds for the tests' ephemeral stacks too
        try (KafkaProcess kafka = KafkaProcess.start(logs, Ports.free(), Ports.free(), true, log(info),
                ProcessHandle.current().pid());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic("chaos", 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
            List<String> acknowledged = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                sends.add(producer.send(new ProducerRecord<>("chaos", "person-" + i % 7, "before-" + i)));
            }
            for (int i = 0; i < sends.size(); i++) {
                sends.get(i).get(60, TimeUnit.SECONDS); // acks=all: the broker has appended it
                acknowledged.add("before-" + i);
            }
            Process crashed = kafka.current();

            kafka.kill();

            assertEquals(KILLED, crashed.exitValue(), "the broker was killed, not stopped");
            assertFalse(kafka.isAlive());
            kafka.restart();
            assertNotEquals(crashed.pid(), kafka.pid(), "a new process");
            assertFalse(Files.exists(logs.resolve(CLEAN_SHUTDOWN)), "the restart recovered an unclean log");
            assertEquals(acknowledged.stream().sorted().toList(), readAll(kafka.bootstrapServers(), "chaos"),
                    "every acknowledged record, once");
            // the producer that lost its broker reconnects to the same address and goes on
            producer.send(new ProducerRecord<>("chaos", "person-after", "after")).get(60, TimeUnit.SECONDS);
            acknowledged.add("after");
            assertEquals(acknowledged.stream().sorted().toList(), readAll(kafka.bootstrapServers(), "chaos"));
        }
    }

    @Test
    void theBrokerStopsByItselfWhenTheProcessThatStartedItEnds(TestInfo info) throws Exception {
        Process launcher = new ProcessBuilder("sleep", "600").start(); // stands in for the launcher's JVM
        Path logs = dir.resolve("kafka");
        try (KafkaProcess kafka = KafkaProcess.start(logs, Ports.free(), Ports.free(), false, log(info),
                launcher.pid())) {
            Process broker = kafka.current();

            launcher.destroyForcibly();

            await().atMost(Duration.ofSeconds(60)).until(() -> !broker.isAlive());
            assertEquals(0, broker.exitValue(), "it shut down, it was not killed");
            assertTrue(Files.exists(logs.resolve(CLEAN_SHUTDOWN)), "a clean shutdown: no log recovery at the next start");
        } finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    void closingStopsTheBrokerCleanly(TestInfo info) throws Exception {
        Path logs = dir.resolve("kafka");
        KafkaProcess kafka = KafkaProcess.start(logs, Ports.free(), Ports.free(), false, log(info),
                ProcessHandle.current().pid());
        Process broker = kafka.current();

        kafka.close();

        assertFalse(broker.isAlive());
        assertEquals(TERMINATED, broker.exitValue(), "stopped by its shutdown hook, not killed after the deadline");
        assertTrue(Files.exists(logs.resolve(CLEAN_SHUTDOWN)));
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** Every value of every partition, from the beginning to the end offsets as they are now, sorted. */
    private static List<String> readAll(String bootstrapServers, String topic) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return values; // no such topic (any more)
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollDelay(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return values.stream().sorted().toList();
    }
}
