package org.memoria.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.memoria.common.events.CloudEventRecords;
import org.memoria.common.events.CloudEvents;
import org.memoria.common.events.Topics;
import org.memoria.local.LocalStack;
import org.memoria.local.LocalStack.Service;

/**
 * {@code bench/run -Dbench.rebuild=1000000}: a rebuild of the read model by replay of a million change events, which the
 * full benchmark measures at 100,000 (issue 13: at least 20,000 events a second, also at 1,000,000 events). Writing a
 * million entities through the API takes hours here, so the events are published straight to the owners' topics, as
 * the owners' outbox relays publish them (CloudEvents in Kafka's binary mode, key = entity id, version 1):
 * {@link SyntheticArchive}'s entities, in its proportions (2/5 people with an alias, 2/5 events with two participants,
 * 1/5 sources with an author). They are published while the gateway is stopped, its projector's consumer group is
 * then committed at the end of the topics, and their creations are added to the change feed as the live projector
 * adds them, so that when the gateway starts again the rebuild is the only work of the machine and finds the feed
 * complete, as at 100,000, where the projector had caught up and every view was composed before the rebuild began. The
 * live tables stay empty (the rebuild does not read them). With
 * {@code -Dbench.jfr=true}, profiles of the rebuild in {@code target/bench-jfr/rebuild-<size>-*}.
 */
public final class RebuildBenchmark {

    private RebuildBenchmark() {
    }

    /**
     * What search's fallback costs while the trigram index is not built yet (after a swap, decision 0024): its second
     * step (the 100 names nearest to a misspelled surname, {@code ArchiveSearch}) with the index, and without it, in a
     * transaction that drops it and rolls back. Median of three, after one to warm.
     */
    static void nearestNames(Connection c) throws Exception {
        String nearest = "select count(*) from (select t.entity_id from search_term t where t.weight >= 2 "
                + "order by 'alvarex' <<-> t.folded limit 100) t";
        double with = medianMillis(c, nearest);
        c.setAutoCommit(false);
        double without;
        try (var s = c.createStatement()) {
            s.execute("drop index search_term_names");
            without = medianMillis(c, nearest);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        System.out.printf("search's fallback, similar names step (the 100 nearest to 'alvarex'): %.1f ms with the trigram "
                + "index, %.1f ms without it (while it is built after a swap)%n", with, without);
    }

    private static double medianMillis(Connection c, String query) throws Exception {
        double[] ms = new double[4];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            try (var s = c.createStatement(); var rs = s.executeQuery(query)) {
                rs.next();
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] timed = java.util.Arrays.copyOfRange(ms, 1, ms.length);
        java.util.Arrays.sort(timed);
        return timed[1];
    }

    public static void main(String[] args) throws Exception {
        int entities = Integer.getInteger("bench.rebuild", 1_000_000);
        Path root = Path.of(System.getProperty("memoria.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("memoria-rebuild-bench-");
        System.out.printf("# A rebuild of the read model from %,d change events published to the topics (%s, JDK %s, "
                + "%d cores)%n%n", entities, LocalDate.now(), Runtime.version(), Runtime.getRuntime().availableProcessors());
        Profiles.enable();
        LocalStack.Options options = LocalStack.Options.ephemeral(root, data)
                .withConfig(Map.of("memoria.security.rate-limit.enabled", "false"));
        try (LocalStack stack = LocalStack.start(options)) {
            String gw = stack.url(Service.GATEWAY);
            String token = stack.tokens().admin("benchmark");
            Profiles profiles = new Profiles(stack, root);
            String phase = "rebuild-" + (entities >= 1_000_000 ? entities / 1_000_000 + "m" : entities / 1_000 + "k");

            // published with the gateway stopped, and its projector's group moved past them: the rebuild is then the
            // only work of the machine, as at 100,000, where the projector had long caught up
            stack.stop(Service.GATEWAY);
            long t0 = System.nanoTime();
            long published = publish(stack.kafkaBootstrapServers(), entities);
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("published %,d change events in %.1f s (%,.0f events/s)%n", published, publishSeconds,
                    published / publishSeconds);
            String group = skipToEnd(stack.kafkaBootstrapServers());
            t0 = System.nanoTime();
            try (Connection c = Benchmark.gatewayDb(stack)) {
                feed(c, entities);
            }
            System.out.printf("the change feed holds their %,d changes, as the live projector leaves it (%.1f s)%n",
                    entities, (System.nanoTime() - t0) / 1e9);
            stack.startService(Service.GATEWAY);
            stack.awaitReady(Service.GATEWAY, Duration.ofMinutes(5));
            System.out.printf("the gateway's projector (group %s) starts after them: the live read model stays empty%n",
                    group);

            Duration patience = Duration.ofMinutes(10 + entities / 25_000);
            profiles.start(phase);
            Benchmark.ChangeRebuild rebuild = Benchmark.rebuild(gw, token, patience);
            profiles.stop(phase);
            try (Connection c = Benchmark.gatewayDb(stack); var s = c.createStatement()) {
                try (var rs = s.executeQuery("select count(*) from entity where not deleted")) {
                    rs.next();
                    System.out.printf("%nthe rebuilt read model holds %,d entities: %s%n", rs.getLong(1),
                            SearchBenchmark.sizes(c));
                }
            }
            System.out.printf("%nrebuild: %,d events replayed and swapped in, %.1f s: %,.0f events/s; the trigram index "
                    + "(search's fallback) built on the live table %.1f s after the swap%n", rebuild.events(),
                    rebuild.seconds(), rebuild.eventsPerSecond(), rebuild.indexedAfterSwap());
            for (String line : Files.readAllLines(data.resolve("logs").resolve(Service.GATEWAY.module + ".log"))) {
                if (line.contains("Rebuild:") || line.contains("Read model rebuilt") || line.contains("Index ")) {
                    System.out.println("gateway log: " + line.substring(line.indexOf("INFO") < 0 ? 0 : line.indexOf("INFO")));
                }
            }
            try (Connection c = Benchmark.gatewayDb(stack)) {
                nearestNames(c);
            }
            System.out.printf("gateway RSS after the rebuild: %,d kB; load average: %s%n",
                    Benchmark.rssKb(stack.pid(Service.GATEWAY)), SearchBenchmark.loadAverage());
        } finally {
            try (var walk = Files.walk(data)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Commits the gateway's consumer group at the end of every partition of the three topics (the gateway stopped);
     * answers the group. Retried while the broker still counts the stopped gateway as a member.
     */
    private static String skipToEnd(String bootstrapServers) throws Exception {
        String group = "memoria-gateway"; // memoria.gateway.consumer-group; a fresh stack has no rebuilt group yet
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var topic : admin.describeTopics(Topics.ALL).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(group, ends).all().get();
                    return group;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    /**
     * Adds the entities' creations to the change feed, in the order they were published, as the live projector adds
     * them when it applies the events: a rebuild finds the feed complete, as a live read model leaves it, and adds
     * nothing to it.
     */
    private static void feed(Connection c, int entities) throws Exception {
        StringBuilder rows = new StringBuilder();
        String now = OffsetDateTime.now().toString();
        int[] counts = { entities * 2 / 5, entities * 2 / 5, entities / 5 };
        String[] kinds = { "person", "event", "source" };
        for (int k = 0; k < kinds.length; k++) {
            for (int i = 0; i < counts[k]; i++) {
                rows.append(SyntheticArchive.id(kinds[k], i)).append('\t').append(kinds[k].toUpperCase(java.util.Locale.ROOT))
                        .append("\t1\tf\tCreate\t").append(now).append('\t').append(now).append('\n');
            }
        }
        c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn("copy change_feed (entity_id, kind, version, "
                + "deleted, activity, changed_at, applied_at) from stdin", new java.io.StringReader(rows.toString()));
    }

    /** Publishes the synthetic archive's entities as their owners' change events; answers how many were sent. */
    private static long publish(String bootstrapServers, int entities) throws Exception {
        Map<String, String> topics = Map.of("person", Topics.PEOPLE, "event", Topics.EVENTS, "source", Topics.SOURCES);
        Map<String, String> sources = Map.of("person", "/memoria/people-service", "event", "/memoria/events-service",
                "source", "/memoria/sources-service");
        AtomicLong sent = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            OffsetDateTime now = OffsetDateTime.now();
            new SyntheticArchive(null, null).generate(entities * 2 / 5, entities * 2 / 5, entities / 5, e -> {
                if (failure.get() != null) {
                    return;
                }
                producer.send(CloudEventRecords.record(topics.get(e.aggregate()), UUID.randomUUID(),
                        sources.get(e.aggregate()), CloudEvents.changedType(e.aggregate()), e.id(), now, 1, e.state()),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                sent.incrementAndGet();
                            }
                        });
            });
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed after " + sent.get() + " events", failure.get());
        }
        return sent.get();
    }
}
