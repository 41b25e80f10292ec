package org.memoria.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.memoria.common.events.CloudEvents;
import org.memoria.common.events.Topics;
import org.memoria.local.LocalStack;
import org.memoria.local.LocalStack.Instance;
import org.memoria.local.LocalStack.Service;
import org.memoria.local.PrometheusText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scaled out on one machine (docs/operations.md, "Scaling out"): two copies of every service, as
 * {@code ./memoria up --replicas 2} runs them. The owners' copies share their database and take the writes in turn;
 * the gateways share the read model and one consumer group, each projecting its share of the partitions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PackagedStack run;
    private static LocalStack stack;
    private static HttpClient http;
    private static String token;
    private static List<String> gateways;

    @BeforeAll
    static void start() throws Exception {
        run = PackagedStack.start("scale-out", options -> options.replicas(2)
                .withConfig(Map.of("memoria.security.rate-limit.enabled", "false")));
        stack = run.stack();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        token = "Bearer " + stack.tokens().archivist("scale-out");
        gateways = stack.instances(Service.GATEWAY).stream().map(stack::url).toList();
    }

    @AfterAll
    static void stop() throws Exception {
        if (run != null) {
            run.close(); // the services' logs stay in target/scale-out-logs
        }
    }

    @Test
    @Order(1)
    void theGatewaysShareTheConsumerGroupAndItsPartitions() throws Exception {
        assertEquals(8, stack.instances().size(), "two copies of each of the four services");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(ScaleOutIT::assertTheGatewaysShareThePartitions);
    }

    /** Both gateways are members of one consumer group, each projecting a share of every partition of the topics. */
    private static void assertTheGatewaysShareThePartitions() {
        List<JsonNode> projectors = gateways.stream().map(ScaleOutIT::projector).toList();
        assertEquals(projectors.get(0).path("group").asText(), projectors.get(1).path("group").asText(),
                "one consumer group: " + projectors);
        int first = projectors.get(0).path("partitions").asInt();
        int second = projectors.get(1).path("partitions").asInt();
        assertTrue(first > 0 && second > 0, "each gateway projects a share of the partitions: " + projectors);
        assertEquals(3 * Topics.ALL.size(), first + second, "every partition of the three topics, once");
    }

    @Test
    @Order(2)
    void writesThroughBothGatewaysArePublishedOnceAndInOrderAndBothGatewaysShowThem() throws Exception {
        int entities = 24;
        int updates = 4;
        Map<UUID, String> names = new ConcurrentHashMap<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int e = 0; e < entities; e++) {
                int n = e;
                done.add(clients.submit(() -> {
                    // each entity's changes go through the gateways by turns, so through both copies of the owner
                    UUID id = UUID.randomUUID();
                    String name = "Scaled " + n;
                    assertEquals(201, write(gateways.get(n % 2), id, name, "If-None-Match", "*"));
                    for (int v = 1; v <= updates; v++) {
                        name = "Scaled " + n + " v" + v;
                        assertEquals(200, write(gateways.get((n + v) % 2), id, name, "If-Match", "\"" + (v - 1) + "\""));
                    }
                    names.put(id, name);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        for (Instance people : stack.instances(Service.PEOPLE)) {
            double served = writesServed(people);
            System.out.printf("[scale-out] %s served %.0f writes%n", people.name(), served);
            assertTrue(served > 0, people.name() + " took none of the writes: both copies take them");
        }

        // once and in order per entity: each entity's events on the topic carry versions 0, 1, ... exactly. The
        // outbox publishes within a second or so of each commit: read the topic once the outbox has nothing left
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> sql(Service.PEOPLE, "select count(*) from outbox_event where sent_at is null") == 0);
        Map<String, List<Long>> versions = topic(Topics.PEOPLE, names.keySet());
        for (UUID id : names.keySet()) {
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), versions.get(id.toString()), "the events published for " + id);
        }

        // both gateways converge on the last version of every entity
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (UUID id : names.keySet()) {
                for (String gateway : gateways) {
                    HttpResponse<String> view = get(gateway + "/api/people/" + id);
                    assertEquals(200, view.statusCode(), gateway + " " + id);
                    String etag = view.headers().firstValue("ETag").orElse("");
                    assertTrue(etag.startsWith("\"" + updates + "."), gateway + " " + etag); // "<version>.<digest>"
                    assertEquals(names.get(id), JSON.readTree(view.body()).path("preferredName").asText(), gateway);
                }
            }
        });
    }

    @Test
    @Order(3)
    void aRebuildOnOneGatewayLeavesTheOtherServingAndBothFollowIt() throws Exception {
        String before = projector(gateways.get(1)).path("group").asText();
        UUID known = UUID.randomUUID();
        assertEquals(201, write(gateways.get(1), known, "Before the rebuild", "If-None-Match", "*"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get(gateways.get(1) + "/api/people/" + known).statusCode() == 200);

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicInteger readsFailed = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        Set<UUID> writtenMeanwhile = ConcurrentHashMap.newKeySet();
        JsonNode outcome;
        try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
            load.submit(() -> {
                while (rebuilding.get()) {
                    reads.incrementAndGet();
                    HttpResponse<String> answer = get(gateways.get(1) + "/api/people/" + known);
                    if (answer.statusCode() != 200) {
                        readsFailed.incrementAndGet();
                        System.out.println("[scale-out] read during the rebuild: " + answer.statusCode() + " "
                                + answer.body());
                    }
                }
                return null;
            });
            load.submit(() -> {
                while (rebuilding.get()) {
                    UUID id = UUID.randomUUID();
                    if (write(gateways.get(writtenMeanwhile.size() % 2), id, "During the rebuild", "If-None-Match",
                            "*") == 201) {
                        writtenMeanwhile.add(id);
                    }
                }
                return null;
            });
            try {
                outcome = rebuild(gateways.get(0));
            } finally {
                rebuilding.set(false);
            }
        }
        assertEquals("DONE", outcome.path("state").asText(), "the rebuild: " + outcome);
        assertEquals(0, readsFailed.get(), "reads from the other gateway that failed during the rebuild, of " + reads);
        assertTrue(reads.get() > 0 && !writtenMeanwhile.isEmpty(), "reads and writes went on during the rebuild");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            String after = projector(gateways.get(0)).path("group").asText();
            assertNotEquals(before, after, "the rebuild swapped in its consumer group");
            assertEquals(after, projector(gateways.get(1)).path("group").asText(),
                    "the other gateway followed the rebuilt read model into its group");
            for (UUID id : writtenMeanwhile) {
                for (String gateway : gateways) {
                    assertEquals(200, get(gateway + "/api/people/" + id).statusCode(), gateway + " " + id);
                }
            }
            // the group name is the one followed; membership (a share of the partitions) comes with the join after
            assertTheGatewaysShareThePartitions();
        });
    }

    @Test
    @Order(4)
    void killingOneCopyOfEachServiceLosesNoWrite() throws Exception {
        Map<UUID, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger afterKillRefused = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean writing = new AtomicBoolean(true);
        String survivor = gateways.get(0);
        // a partner's webhook receiver: every acknowledged write must reach it, whichever gateway delivers
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        AtomicInteger forged = new AtomicInteger();
        String[] secret = new String[1];
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                new com.standardwebhooks.Webhook(secret[0]).verify(body, exchange.getRequestHeaders());
                String url = JSON.readTree(body).path("data").path("activity").path("object").path("id").asText();
                delivered.add(url.substring(url.lastIndexOf('/') + 1));
            } catch (Exception e) {
                forged.incrementAndGet();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        HttpResponse<String> subscribed = http.send(HttpRequest.newBuilder(URI.create(gateways.get(1) + "/api/webhooks"))
                .header("Authorization", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/hooks\",\"kinds\":[\"PERSON\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, subscribed.statusCode(), subscribed.body());
        secret[0] = JSON.readTree(subscribed.body()).path("secret").asText();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    while (writing.get()) {
                        UUID id = UUID.randomUUID();
                        String name = "Survivor " + id;
                        boolean afterKill = killed.get();
                        // a client that does not know whether its write landed sends it again, with the same id
                        for (int attempt = 0; attempt < 20 && !acknowledged.containsKey(id); attempt++) {
                            int status = write(survivor, id, name, "If-None-Match", "*");
                            if (status == 201 || status == 412) {
                                acknowledged.put(id, name);
                            } else if (afterKill && status == 503) {
                                afterKillRefused.incrementAndGet();
                            }
                        }
                    }
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 20);
            for (Service s : Service.values()) {
                stack.kill(new Instance(s, 1));
            }
            killed.set(true);
            int atKill = acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= atKill + 40);
            writing.set(false);
        }
        assertEquals(0, afterKillRefused.get(), "writes refused as unreachable although a copy of the owner was up");

        // the dead gateway's partitions move to the survivor once its session expires; nothing acknowledged is lost
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<UUID> missing = acknowledged.keySet().stream()
                    .filter(id -> get(survivor + "/api/people/" + id).statusCode() != 200).toList();
            assertEquals(List.of(), missing, "acknowledged writes the surviving gateway does not show");
        });
        assertEquals(acknowledged.size(), sql(Service.PEOPLE, "select count(*) from person where preferred_name like "
                + "'Survivor %'"), "each acknowledged write is held once by the owner");
        // the survivor may show every write before it holds every partition: it projected some before the kill
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode projector = projector(survivor);
            assertEquals(3 * Topics.ALL.size(), projector.path("partitions").asInt(),
                    "the surviving gateway projects every partition: " + projector);
        });
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<UUID> notDelivered = acknowledged.keySet().stream()
                        .filter(id -> !delivered.contains(id.toString())).toList();
                assertEquals(List.of(), notDelivered, "acknowledged writes the webhook receiver never got");
            });
            assertEquals(0, forged.get(), "deliveries whose signature did not verify");
        } finally {
            receiver.stop(0);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static int write(String gateway, UUID id, String name, String condition, String value) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/people/" + id))
                .timeout(Duration.ofSeconds(20)).header("Authorization", token)
                .header("Content-Type", "application/json").header(condition, value)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"preferredName\":\"" + name + "\"}")).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The gateway's projector check in its readiness answer: its consumer group and partitions. */
    private static JsonNode projector(String gateway) {
        try {
            JsonNode checks = JSON.readTree(get(gateway + "/q/health/ready").body()).path("checks");
            for (JsonNode check : checks) {
                if (check.path("name").asText().equals("Read-model projector")) {
                    return check.path("data");
                }
            }
            return JSON.createObjectNode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes (PUTs answered 200 or 201) one copy of a service has served, from its metrics. */
    private static double writesServed(Instance instance) {
        return PrometheusText.parse(get(stack.url(instance) + "/q/metrics").body()).stream()
                .filter(m -> m.name().equals("http_server_requests_seconds_count"))
                .filter(m -> "PUT".equals(m.labels().get("method")))
                .filter(m -> Set.of("200", "201").contains(m.labels().get("status")))
                .mapToDouble(PrometheusText.Sample::value).sum();
    }

    private static JsonNode rebuild(String gateway) throws Exception {
        return PackagedStack.rebuild(http, gateway, "Bearer " + stack.tokens().admin("scale-out-admin"));
    }

    /** The entity versions the topic holds for each of the given entities, in the topic's order. */
    private static Map<String, List<Long>> topic(String topic, Set<UUID> entities) {
        Set<String> keys = new java.util.HashSet<>();
        entities.forEach(id -> keys.add(id.toString()));
        Map<String, List<Long>> versions = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue(System.nanoTime() < deadline, "reading " + topic + " to its end");
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(r.key())) {
                        versions.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Long.parseLong(new String(
                                r.headers().lastHeader(CloudEvents.H_ENTITY_VERSION).value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return versions;
    }

    private static int sql(Service owner, String query) throws Exception {
        return run.count(owner, query);
    }
}
