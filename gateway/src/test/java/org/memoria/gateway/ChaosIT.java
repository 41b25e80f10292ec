package org.memoria.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memoria.local.LocalStack;
import org.memoria.local.LocalStack.Service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The chaos test (docs/reliability.md): writes at a fixed rate through the gateway, with ids the client chooses,
 * while each owner, the gateway, PostgreSQL and the Kafka broker are SIGKILLed in turn and the stack's supervisor
 * restarts them. Afterwards every acknowledged write must be at its owner and in the archive's views at its
 * version, none twice, and every outbox empty. It prints how long each recovery took.
 *
 * <p>The short version runs in {@code ./mvnw verify}; {@code bench/chaos} runs the long one (a higher rate, a
 * minute between kills) and writes its table to docs/reliability.md. Recovery times are measured and reported here,
 * not asserted: a slow machine makes them longer, never wrong.
 *
 * <p>A second test kills the gateway in the middle of a bulk import (docs/import.md) and checks that the restarted
 * gateway takes the job up and finishes it with every record written once: the import lease is short here (3 s), so
 * the restarted gateway's worker takes the job over soon after it is back.
 */
class ChaosIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Writes per second through the gateway. */
    private static final int RATE = Integer.getInteger("chaos.rate", 20);
    /** How long writes go on between one recovery and the next kill. */
    private static final Duration HOLD = Duration.ofSeconds(Long.getLong("chaos.hold-seconds", 3));
    /** Writes in flight at most: a client that waits for its answers, as a real one does, instead of piling up. */
    private static final int IN_FLIGHT = 32;
    /**
     * Records of the import killed mid-way: places, people born there and events at those places with them. The worker
     * writes them in batches of 500, so 3,000 make seven batches: enough to find the job between two of them;
     * {@code -Dchaos.import-records=20000} for a longer run.
     */
    private static final int IMPORT_RECORDS = Integer.getInteger("chaos.import-records", 3000);
    /** How long a client keeps retrying one write whose outcome it does not know yet. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Path REPORT = Path.of(System.getProperty("chaos.report", "target/reliability.md"));

    private static PackagedStack run;
    private static LocalStack stack;
    private static HttpClient http;
    private static String token;

    /** One kind of write: the gateway collection, the owner's table and its name column. */
    private enum Kind {
        PERSON("people", Service.PEOPLE, "person", "preferred_name"),
        PLACE("places", Service.EVENTS, "place", "name"),
        SOURCE("sources", Service.SOURCES, "source", "title");

        final String collection;
        final Service owner;
        final String table;
        final String nameColumn;

        Kind(String collection, Service owner, String table, String nameColumn) {
            this.collection = collection;
            this.owner = owner;
            this.table = table;
            this.nameColumn = nameColumn;
        }

        String body(String name) {
            return switch (this) {
                case PERSON -> "{\"preferredName\":\"" + name + "\"}";
                case PLACE -> "{\"name\":\"" + name + "\",\"type\":\"BUILDING\"}";
                case SOURCE -> "{\"type\":\"ARTICLE\",\"title\":\"" + name + "\"}";
            };
        }
    }

    private record Write(Kind kind, UUID id, String name) {
    }

    private record Recovery(String killed, Duration back, Duration visible, int writesMeanwhile) {
    }

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final Map<UUID, Write> acknowledged = new ConcurrentHashMap<>();
    private final Set<UUID> abandoned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicLong answers5xx = new AtomicLong();
    /** Where a write's next attempt waits for its turn, and the threads that make the attempts. */
    private ScheduledExecutorService retries;
    private ExecutorService clients;
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
    /** Ticks of the clock at which every client was still waiting for an answer, so no write was sent. */
    private final AtomicLong skipped = new AtomicLong();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        // fsync on, as ./memoria up runs it: an acknowledged write must survive the database's SIGKILL
        run = PackagedStack.start("chaos", options -> options.durable(true)
                .withConfig(Map.of("memoria.security.rate-limit.enabled", "false",
                        // a job whose gateway died is taken over 3 s after its last sign of life
                        "memoria.imports.lease", "3s", "memoria.imports.poll-interval", "200ms")));
        stack = run.stack();
        stack.supervise();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        token = "Bearer " + stack.tokens().archivist("chaos");
    }

    @AfterAll
    static void stop() throws Exception {
        if (run != null) {
            run.close(); // the services' logs stay in target/chaos-logs
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesEveryKillOnceAndTheArchiveShowsIt() throws Exception {
        List<Recovery> recoveries = new ArrayList<>();
        JsonNode rebuild = null;
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        retries = Executors.newSingleThreadScheduledExecutor();
        clients = Executors.newVirtualThreadPerTaskExecutor();
        Instant began = Instant.now();
        clock.scheduleAtFixedRate(() -> {
            if (inFlight.tryAcquire()) {
                int n = sequence.incrementAndGet();
                Kind kind = Kind.values()[n % Kind.values().length];
                Write w = new Write(kind, UUID.randomUUID(), "chaos " + tag + " " + n);
                clients.submit(() -> attempt(w, Instant.now().plus(PATIENCE), 250));
            } else {
                skipped.incrementAndGet();
            }
        }, 0, 1_000_000 / RATE, TimeUnit.MICROSECONDS);
        try {
            hold();
            for (Kind kind : Kind.values()) {
                Service owner = kind.owner;
                recoveries.add(afterKill(owner.module, () -> stack.crash(owner), () -> ready(owner), kind));
                hold();
            }
            recoveries.add(afterKill("gateway", () -> stack.crash(Service.GATEWAY), () -> ready(Service.GATEWAY),
                    Kind.PERSON));
            hold();
            recoveries.add(afterKill("PostgreSQL", stack::crashPostgres, () -> ready(Service.GATEWAY), Kind.PERSON));
            hold();
            recoveries.add(afterKill("Kafka broker", stack::crashKafka, () -> ready(Service.GATEWAY), Kind.PERSON));
            hold();
            rebuild = rebuildUnderLoad();
            hold();
        } finally {
            clock.shutdownNow();
            // every write sent ends (acknowledged or given up) before the checks
            boolean ended = inFlight.tryAcquire(IN_FLIGHT, PATIENCE.toSeconds() + 30, TimeUnit.SECONDS);
            retries.shutdownNow();
            clients.shutdown();
            assertTrue(ended, "writes still waiting for an answer");
        }
        Duration ran = Duration.between(began, Instant.now());

        // every acknowledged write at its owner, at its version, and in the archive's views
        List<Write> lost = new ArrayList<>();
        for (Write w : acknowledged.values()) {
            if (!atOwner(w)) {
                lost.add(w);
            }
        }
        List<Write> notInViews = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                notInViews.clear();
                acknowledged.values().stream().filter(w -> !inViews(w)).forEach(notInViews::add);
                return notInViews.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported and asserted below
        }
        // none written twice: names are unique per write, ids chosen by the client
        int duplicated = 0;
        int outboxLeft = 0;
        for (Kind kind : Kind.values()) {
            duplicated += sql(kind.owner, "select count(*) from (select " + kind.nameColumn + " from " + kind.table
                    + " where " + kind.nameColumn + " like 'chaos " + tag + " %' group by 1 having count(*) > 1) d");
        }
        for (Service owner : List.of(Service.PEOPLE, Service.EVENTS, Service.SOURCES)) {
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(
                        () -> sql(owner, "select count(*) from outbox_event where sent_at is null") == 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported and asserted below
            }
            outboxLeft += sql(owner, "select count(*) from outbox_event where sent_at is null");
        }
        report(recoveries, rebuild, ran, lost.size(), notInViews.size(), duplicated, outboxLeft);
        assertEquals("DONE", rebuild.path("state").asText(), "the rebuild under load: " + rebuild);
        assertEquals(List.of(), lost, "acknowledged writes their owner does not hold");
        assertEquals(List.of(), notInViews, "acknowledged writes the archive's views do not show");
        assertEquals(0, duplicated, "duplicated writes");
        assertEquals(0, outboxLeft, "events left unpublished in an outbox");
        assertTrue(acknowledged.size() > recoveries.size() * RATE, "too few writes acknowledged: " + acknowledged.size());
    }

    @Test
    void anImportWhoseGatewayIsKilledMidwayIsFinishedAfterTheRestartWritingEveryRecordOnce() throws Exception {
        String importTag = UUID.randomUUID().toString().substring(0, 8);
        int places = IMPORT_RECORDS / 5;
        int people = IMPORT_RECORDS / 2;
        int events = IMPORT_RECORDS - places - people;
        StringBuilder file = new StringBuilder();
        // the events first: each names a place and a person that come later in the file
        for (int i = 0; i < events; i++) {
            file.append("{\"kind\":\"event\",\"key\":\"e").append(i).append("\",\"data\":{\"title\":\"Import ")
                    .append(importTag).append(" event ").append(i).append("\",\"type\":\"ATTACK\",\"date\":\"1940-05-24\","
                    + "\"placeId\":{\"key\":\"pl").append(i % places).append("\"},\"participants\":[{\"personId\":"
                    + "{\"key\":\"p").append(i % people).append("\"},\"role\":\"ORGANISER\"}]}}\n");
        }
        for (int i = 0; i < people; i++) {
            file.append("{\"kind\":\"person\",\"key\":\"p").append(i).append("\",\"data\":{\"preferredName\":\"Import ")
                    .append(importTag).append(" person ").append(i).append("\",\"birthPlaceId\":{\"key\":\"pl")
                    .append(i % places).append("\"}}}\n");
        }
        for (int i = 0; i < places; i++) {
            file.append("{\"kind\":\"place\",\"key\":\"pl").append(i).append("\",\"data\":{\"name\":\"Import ")
                    .append(importTag).append(" place ").append(i).append("\"}}\n");
        }
        String gateway = stack.url(Service.GATEWAY);
        long t0 = System.nanoTime();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/imports"))
                .header("Authorization", token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(file.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, created.statusCode(), created.body());
        String job = gateway + created.headers().firstValue("Location").map(l -> l.substring(l.indexOf("/api/imports/")))
                .orElseThrow();

        // some records written, not all: then the gateway dies, its worker in the middle of the job
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            seen[0] = job(job);
            return seen[0] != null && seen[0].path("written").asLong() > 0 && seen[0].path("pending").asLong() > 0;
        });
        assertEquals("RUNNING", seen[0].path("state").asText(), seen[0]::toString);
        stack.crash(Service.GATEWAY);
        System.out.printf("[chaos] import: gateway killed after %.1f s with %d of %d records written%n",
                (System.nanoTime() - t0) / 1e9, seen[0].path("written").asLong(), IMPORT_RECORDS);

        // the supervisor restarts it; its worker takes the job over after the lease and finishes it
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            seen[0] = job(job);
            return seen[0] != null && seen[0].path("state").asText().equals("DONE");
        });
        JsonNode done = seen[0];
        System.out.printf("[chaos] import: done after %.1f s: %s written, %s unchanged%n", (System.nanoTime() - t0) / 1e9,
                done.path("written"), done.path("unchanged"));
        assertEquals(IMPORT_RECORDS, done.path("read").asLong(), done::toString);
        assertEquals(0, done.path("rejected").asLong(), done::toString);
        assertEquals(0, done.path("pending").asLong(), done::toString);
        // a record written just before the kill is written again: the same data, so it is unchanged
        assertEquals(IMPORT_RECORDS, done.path("written").asLong() + done.path("unchanged").asLong(), done::toString);

        // every record in the archive's views, at its first version: none lost, none written twice
        List<String> entities = new ArrayList<>();
        for (int i = 0; i < places; i++) {
            entities.add("places/" + importedId("PLACE", "pl" + i));
        }
        for (int i = 0; i < people; i++) {
            entities.add("people/" + importedId("PERSON", "p" + i));
        }
        for (int i = 0; i < events; i++) {
            entities.add("events/" + importedId("EVENT", "e" + i));
        }
        Set<String> missing = ConcurrentHashMap.newKeySet();
        missing.addAll(entities);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                try (ExecutorService readers = Executors.newFixedThreadPool(4)) {
                    for (String entity : List.copyOf(missing)) {
                        readers.submit(() -> {
                            if (firstVersionInViews(entity)) {
                                missing.remove(entity);
                            }
                        });
                    }
                }
                return missing.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported below
        }
        System.out.printf("[chaos] import: checked in the views after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(Set.of(), Set.copyOf(missing), "imported records not in the views at their first version");
        // and the references between kinds resolved: an event's place and participant are the imported ones
        JsonNode event = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/events/"
                + importedId("EVENT", "e1"))).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertTrue(event.toString().contains(importedId("PLACE", "pl" + (1 % places)))
                && event.toString().contains(importedId("PERSON", "p" + (1 % people))), event::toString);
    }

    /** The job as its GET answers it, or null while the gateway does not answer. */
    private static JsonNode job(String url) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", token)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The id an archivist's key maps to (docs/import.md): a name-based UUID of (namespace, kind, key). */
    private static String importedId(String kind, String key) {
        return UUID.nameUUIDFromBytes(("memoria-import\u0000archive\u0000" + kind + "\u0000" + key)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** Whether the archive's view of the entity ({@code collection/id}) answers at version 0 (its ETag "0.<digest>"). */
    private static boolean firstVersionInViews(String entity) {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(stack.url(Service.GATEWAY)
                    + "/api/" + entity)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200 && answer.headers().firstValue("ETag").orElse("").startsWith("\"0.");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- writing --------------------------------------------------------------------------------------------------

    /**
     * One attempt of a create; until its outcome is known (201, or 412: an earlier attempt landed) it is tried again
     * with the same id, later: the retries back off exponentially with jitter, from 250 ms to 4 s, as a well-behaved
     * client's do. The write holds its place among those in flight until it ends.
     */
    private void attempt(Write w, Instant deadline, long backoff) {
        int status = put(w);
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status == 201 || status == 412) {
            acknowledged.put(w.id(), w);
            inFlight.release();
            return;
        }
        if (status >= 500) {
            answers5xx.incrementAndGet();
        }
        // 502/503/504, a refused connection (0) or a timeout: the outcome is unknown or nothing was written
        long delay = backoff / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        if (Instant.now().plusMillis(delay).isAfter(deadline)) {
            abandoned.add(w.id());
            inFlight.release();
            return;
        }
        retries.schedule(() -> clients.submit(() -> attempt(w, deadline, Math.min(4_000, backoff * 2))), delay,
                TimeUnit.MILLISECONDS);
    }

    private int put(Write w) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url(Service.GATEWAY) + "/api/"
                + w.kind().collection + "/" + w.id()))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .header("If-None-Match", "*") // create only: a retry of a write that landed answers 412
                .PUT(HttpRequest.BodyPublishers.ofString(w.kind().body(w.name()))).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    // ---- killing and measuring ------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Kill {
        void run() throws Exception;
    }

    /**
     * Kills, then measures when the killed part answers again (the check given) and when a write made after the kill
     * (of the given kind: one the killed part takes part in) shows in the archive's views: the time a reader waits
     * to see new writes.
     */
    private Recovery afterKill(String what, Kill kill, java.util.function.BooleanSupplier back, Kind probeKind)
            throws Exception {
        int before = acknowledged.size();
        long t0 = System.nanoTime();
        kill.run();
        Write probe = new Write(probeKind, UUID.randomUUID(), "chaos " + tag + " probe after " + what);
        Duration[] backAfter = new Duration[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (backAfter[0] == null && back.getAsBoolean()) {
                backAfter[0] = Duration.ofNanos(System.nanoTime() - t0);
            }
            if (!acknowledged.containsKey(probe.id())) {
                int status = put(probe);
                if (status == 201 || status == 412) {
                    acknowledged.put(probe.id(), probe);
                }
                return false;
            }
            return backAfter[0] != null && inViews(probe);
        });
        Duration visible = Duration.ofNanos(System.nanoTime() - t0);
        Recovery r = new Recovery(what, backAfter[0], visible, acknowledged.size() - before);
        System.out.printf("[chaos] %s killed: answering again after %.1f s, new writes in the views after %.1f s%n",
                what, seconds(r.back()), seconds(r.visible()));
        return r;
    }

    /** A read-model rebuild while the writes go on: it must end, and (checked afterwards) lose none of them. */
    private JsonNode rebuildUnderLoad() throws Exception {
        JsonNode outcome = PackagedStack.rebuild(http, stack.url(Service.GATEWAY),
                "Bearer " + stack.tokens().admin("chaos-admin"));
        System.out.println("[chaos] rebuild under load: " + outcome);
        return outcome;
    }

    private void hold() {
        long until = System.nanoTime() + HOLD.toNanos();
        await().atMost(HOLD.plusSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> System.nanoTime() >= until);
    }

    private static boolean ready(Service service) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(stack.url(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean inViews(Write w) {
        return firstVersionInViews(w.kind().collection + "/" + w.id());
    }

    /** Whether the owner holds the write, at version 0. */
    private static boolean atOwner(Write w) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.url(w.kind().owner) + "/"
                + w.kind().collection + "/" + w.id())).header("Authorization", token).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 && JSON.readTree(answer.body()).path("version").asInt(-1) == 0;
    }

    private static int sql(Service owner, String query) throws Exception {
        return run.count(owner, query);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    // ---- the report -----------------------------------------------------------------------------------------------

    private void report(List<Recovery> recoveries, JsonNode rebuild, Duration ran, int lost, int notInViews,
            int duplicated, int outboxLeft) throws IOException {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Run %s: %d writes/s through the gateway for %.0f s, %d s between "
                + "recoveries; %s.%n%n", DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC)),
                RATE, seconds(ran), HOLD.toSeconds(), Runtime.getRuntime().availableProcessors() + " cores"));
        table.append("| killed (SIGKILL) | answering again after | a new write in the views after | of which after "
                + "answering again | writes acknowledged meanwhile |\n");
        table.append("|---|---:|---:|---:|---:|\n");
        for (Recovery r : recoveries) {
            table.append(String.format(Locale.ROOT, "| %s | %.1f s | %.1f s | %.1f s | %d |%n", r.killed(),
                    seconds(r.back()), seconds(r.visible()), seconds(r.visible().minus(r.back())), r.writesMeanwhile()));
        }
        if (rebuild != null) {
            table.append(String.format(Locale.ROOT, "%nA read-model rebuild under the same writes: %s, %d events "
                    + "replayed at %.0f events/s, from %s to %s.%n", rebuild.path("state").asText(),
                    rebuild.path("events").asLong(), rebuild.path("eventsPerSecond").asDouble(),
                    rebuild.path("startedAt").asText(), rebuild.path("finishedAt").asText()));
        }
        table.append('\n');
        table.append("| acknowledged writes | lost at the owner | missing from the views | duplicated | left in an outbox "
                + "| given up by the client | 5xx answers (retried) | not sent (" + IN_FLIGHT + " writes waiting) |\n");
        table.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        table.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %d |%n", acknowledged.size(),
                lost, notInViews, duplicated, outboxLeft, abandoned.size(), answers5xx.get(), skipped.get()));
        table.append("\nAnswers by status: ").append(new java.util.TreeMap<>(statuses)).append('\n');
        table.append("Restarts by the supervisor: ").append(stack.restarts()).append(", Kafka ")
                .append(stack.kafkaRestarts()).append('\n');
        System.out.println("[chaos]\n" + table);
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        Files.writeString(REPORT, table.toString());
    }
}
