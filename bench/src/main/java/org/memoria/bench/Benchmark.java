package org.memoria.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.memoria.local.LocalStack;
import org.memoria.local.LocalStack.Service;
import org.memoria.local.PostgresServer;
import org.memoria.local.SampleLoader;

/**
 * {@code bench/run}: the platform on 127.0.0.1 as {@code ./memoria up} runs it, the sample archive plus a synthetic
 * archive, then each measurement of docs/benchmarks.md. The load generator runs on the same two cores as the
 * services, so every figure is a lower bound of what the services do on their own.
 */
public final class Benchmark {

    public static void main(String[] args) throws Exception {
        new Benchmark().run(Integer.getInteger("bench.entities", 100_000), Integer.getInteger("bench.seconds", 15));
    }

    private void run(int entities, int seconds) throws Exception {
        Path root = Path.of(System.getProperty("memoria.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("memoria-bench-");
        // durable (fsync on) as ./memoria up runs it, unless -Dbench.durable=false; the load comes from one client,
        // so the per-caller rate limit is off
        LocalStack.Options options = LocalStack.Options.ephemeral(root, data)
                .durable(!"false".equals(System.getProperty("bench.durable")))
                .withConfig(Map.of("memoria.security.rate-limit.enabled", "false"));
        if ("false".equals(System.getProperty("bench.aot"))) { // without the start-up caches (their training run)
            options = options.aotCache(null);
        }
        if (System.getProperty("bench.jvm") != null) { // other JVM options for the services, to compare them
            options = options.jvmOptions(List.of(System.getProperty("bench.jvm").trim().split("\\s+")));
        }
        Profiles.enable();
        log("starting the stack in " + data);
        try (LocalStack stack = LocalStack.start(options)) {
            String gw = stack.url(Service.GATEWAY);
            Map<Service, Duration> together = stack.startTimes();

            String token = stack.tokens().admin("benchmark"); // writes and rebuilds; reads stay anonymous
            SampleLoader sample = new SampleLoader(gw, token);
            SampleLoader.Result loaded = sample.load();
            sample.awaitProjected(Duration.ofSeconds(60));
            log("sample loaded " + loaded.written() + ", errors " + loaded.errors().size());

            Profiles profiles = new Profiles(stack, root);
            SyntheticArchive synthetic = new SyntheticArchive(gw, token);
            profiles.start("writes");
            long t0 = System.nanoTime();
            synthetic.write(entities * 2 / 5, entities * 2 / 5, entities / 5, 32);
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            long projected = awaitProjected(stack, entities, Duration.ofMinutes(10));
            double projectedSeconds = (System.nanoTime() - t0) / 1e9;
            // the views are composed ahead of reads (docs/decisions/0022): the writes' cost includes composing them
            double composedSeconds = awaitComposed(stack) - t0 / 1e9;
            profiles.stop("writes");
            log("synthetic archive: %d entities written in %.1f s (%.0f writes/s); read model holds %d entities after %.1f s, their views composed after %.1f s"
                    .formatted(entities, writeSeconds, entities / writeSeconds, projected, projectedSeconds, composedSeconds));

            warmUp(gw, synthetic);
            Duration d = Duration.ofSeconds(seconds);
            profiles.start("reads");
            Load.Result ping = Load.closed("ping (trivial)", 16, d, r -> URI.create(gw + "/api/ping"));
            Load.Result dossier = Load.closed("dossier", 16, d,
                    r -> URI.create(gw + "/api/people/" + synthetic.people.get(r.nextInt(synthetic.people.size()))));
            Load.Result event = Load.closed("event detail", 16, d,
                    r -> URI.create(gw + "/api/events/" + synthetic.events.get(r.nextInt(synthetic.events.size()))));
            // a calendar month of 1900-1989 (1,080 pages, read again and again: each replica remembers the pages it
            // composed, docs/decisions/0026), then a month from any day (32,850 pages, mostly read once: assembled from
            // the calendar months each replica remembers, 0026's addendum)
            double[] pagesBefore = timelinePages(gw);
            Load.Result timeline = Load.closed("timeline (1 month)", 16, d, r -> {
                LocalDate from = LocalDate.of(1900 + r.nextInt(90), 1 + r.nextInt(12), 1);
                return URI.create(gw + "/api/timeline?from=" + from + "&to=" + from.plusMonths(1).minusDays(1));
            });
            double[] pagesBetween = timelinePages(gw);
            Load.Result timelineAnyDay = Load.closed("timeline (1 month from any day)", 16, d, r -> {
                LocalDate from = LocalDate.of(1900, 1, 1).plusDays(r.nextInt(90 * 365));
                return URI.create(gw + "/api/timeline?from=" + from + "&to=" + from.plusMonths(1).minusDays(1));
            });
            double[] pagesAfter = timelinePages(gw);
            String remembered = ("Timeline pages answered as remembered / assembled from months / composed "
                    + "(memoria_timeline_pages_total): %.0f / %.0f / %.0f for the calendar months, %.0f / %.0f / %.0f for "
                    + "the months from any day.").formatted(pagesBetween[0] - pagesBefore[0],
                            pagesBetween[2] - pagesBefore[2], pagesBetween[1] - pagesBefore[1],
                            pagesAfter[0] - pagesBetween[0], pagesAfter[2] - pagesBetween[2],
                            pagesAfter[1] - pagesBetween[1]);
            log(remembered);
            Load.Result dossierAt2000 = Load.open("dossier at 2,000 req/s", 2000, Duration.ofSeconds(Math.min(seconds, 10)),
                    r -> URI.create(gw + "/api/people/" + synthetic.people.get(r.nextInt(synthetic.people.size()))));
            // readers come back to the same entities: a working set read once (its views then stored as documents,
            // docs/decisions/0022) and read again, as dossiers and events
            List<UUID> working = new ArrayList<>(synthetic.people.subList(0, Math.min(WORKING_SET, synthetic.people.size())));
            working.addAll(synthetic.events.subList(0, Math.min(WORKING_SET, synthetic.events.size())));
            profiles.stop("reads");
            int people = Math.min(WORKING_SET, synthetic.people.size());
            java.util.function.IntFunction<URI> view = i -> URI.create(gw
                    + (i < people ? "/api/people/" : "/api/events/") + working.get(i));
            readOnce(working.size(), view);
            profiles.start("rereads");
            java.util.function.Function<ThreadLocalRandom, URI> rereads = r -> view.apply(r.nextInt(working.size()));
            Load.Result reread = Load.closed("dossier or event, read again", 16, d, rereads);
            Load.Result rereadAt2000 = Load.open("dossier or event read again, at 2,000 req/s", 2000,
                    Duration.ofSeconds(Math.min(seconds, 10)), rereads);
            profiles.stop("rereads");
            profiles.start("search");
            java.util.function.Function<ThreadLocalRandom, URI> searches = r -> URI.create(gw + "/api/search?q="
                    + URLEncoder.encode(searchTerm(r, synthetic.people.size()), StandardCharsets.UTF_8));
            Load.Result search = Load.closed("search", 4, d, searches);
            // the same searches at a fixed rate: the latency a reader sees when searches arrive independently
            Load.Result searchAt50 = Load.open("search at 50 req/s", 50, Duration.ofSeconds(Math.min(seconds, 10)),
                    searches);
            Load.Result pingAt2000 = Load.open("ping at 2,000 req/s", 2000, Duration.ofSeconds(Math.min(seconds, 10)),
                    r -> URI.create(gw + "/api/ping"));

            profiles.stop("search");
            profiles.start("propagation");
            // at a rate the writes sustain (the design's latency), and at the 200/s
            Propagation propagationAt50 = propagation(stack, gw, token, 50, Math.min(seconds, 15));
            Propagation propagation = propagation(stack, gw, token, 200, Math.min(seconds, 15));
            profiles.stop("propagation");
            profiles.start("rebuild");
            ChangeRebuild rebuild = rebuild(gw, token, Duration.ofMinutes(10));
            double recomposedSeconds = awaitComposed(stack) - rebuild.swappedAtNanos() / 1e9;
            profiles.stop("rebuild");
            log(("rebuild: %.0f events/s (%.1f s to the swap); the rebuilt model's views composed %.1f s after the swap, "
                    + "its trigram index (search's fallback) built %.1f s after it").formatted(rebuild.eventsPerSecond(),
                    rebuild.seconds(), recomposedSeconds, rebuild.indexedAfterSwap()));

            Map<Service, Long> rss = new LinkedHashMap<>();
            for (Service s : Service.values()) {
                rss.put(s, rssKb(stack.pid(s)));
            }
            Map<Service, Duration> alone = new LinkedHashMap<>();
            for (Service s : Service.values()) {
                stack.stop(s);
                long start = System.nanoTime();
                stack.startService(s);
                stack.awaitReady(s, Duration.ofSeconds(120));
                alone.put(s, Duration.ofNanos(System.nanoTime() - start));
            }
            Map<Service, Long> rssIdle = new LinkedHashMap<>();
            for (Service s : Service.values()) {
                rssIdle.put(s, rssKb(stack.pid(s)));
            }
            write(root, entities, projected, writeSeconds, projectedSeconds, composedSeconds, recomposedSeconds, ping, pingAt2000, dossier, event, timeline, timelineAnyDay, remembered, dossierAt2000,
                    reread, rereadAt2000, search, searchAt50, propagationAt50, propagation, rebuild, together, alone, rss, rssIdle);
        } finally {
            try (var walk = Files.walk(data)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A search as a reader types it: a surname, accented or not, misspelled, or a person's alias. */
    static String searchTerm(ThreadLocalRandom r, int people) {
        String last = SyntheticArchive.LAST[r.nextInt(SyntheticArchive.LAST.length)];
        return switch (r.nextInt(4)) {
            case 0 -> last; // exact, accented
            case 1 -> java.text.Normalizer.normalize(last, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", ""); // unaccented
            case 2 -> last.substring(0, last.length() - 1) + "x"; // misspelled
            default -> "Agent " + Integer.toString(r.nextInt(people), 36); // an alias
        };
    }

    private static final int WORKING_SET = 2_000;

    /** Reads {@code view(0)} to {@code view(count - 1)} once each, 8 at a time. */
    private static void readOnce(int count, java.util.function.IntFunction<URI> view) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        Load.get(view.apply(i));
                    } catch (Exception e) {
                        // the measured phase counts errors
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void warmUp(String gw, SyntheticArchive synthetic) throws InterruptedException {
        Load.closed("warm-up", 8, Duration.ofSeconds(5), r -> switch (r.nextInt(4)) {
            case 0 -> URI.create(gw + "/api/people/" + synthetic.people.get(r.nextInt(synthetic.people.size())));
            case 1 -> URI.create(gw + "/api/timeline?from=1940-01-01&to=1940-12-31");
            case 2 -> URI.create(gw + "/api/search?q=Hansen");
            default -> URI.create(gw + "/api/ping");
        });
    }

    static long awaitProjected(LocalStack stack, int entities, Duration patience) throws Exception {
        try (Connection c = gatewayDb(stack)) {
            long count = 0;
            long deadline = System.nanoTime() + patience.toNanos();
            while (System.nanoTime() < deadline) {
                try (var s = c.createStatement(); var rs = s.executeQuery("select count(*) from entity where not deleted")) {
                    rs.next();
                    count = rs.getLong(1);
                }
                if (count >= entities) {
                    return count;
                }
                Thread.sleep(200);
            }
            return count;
        }
    }

    /** Waits until the gateway has composed every view marked (none pending); answers when, in nanoTime seconds. */
    private static double awaitComposed(LocalStack stack) throws Exception {
        try (Connection c = gatewayDb(stack)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (System.nanoTime() < deadline) {
                try (var s = c.createStatement(); var rs = s.executeQuery("select exists (select 1 from view_pending)")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return System.nanoTime() / 1e9;
                    }
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("views still pending after 20 minutes");
        }
    }

    /** The gateway's timeline pages answered as remembered, as composed and as assembled from months, so far. */
    private static double[] timelinePages(String gw) throws Exception {
        return new double[] {
                GatewaySearchBenchmark.metric(gw, "memoria_timeline_pages_total", Map.of("answered_by", "remembered")),
                GatewaySearchBenchmark.metric(gw, "memoria_timeline_pages_total", Map.of("answered_by", "composed")),
                GatewaySearchBenchmark.metric(gw, "memoria_timeline_pages_total", Map.of("answered_by", "months")) };
    }

    static Connection gatewayDb(LocalStack stack) throws Exception {
        return DriverManager.getConnection(stack.postgres().jdbcUrl("gateway"), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    /**
     * Writes at a fixed rate through the gateway. Propagation = when the new entity was first seen in the read model
     * (a poller reads it every few milliseconds while the writes go on) minus when its write was sent; and its hops:
     * the write until acknowledged, the owner's outbox row from its transaction to the broker's acknowledgement
     * ({@code created_at} to {@code sent_at}), from there to the projector's transaction ({@code projected_at}), and that
     * transaction until it committed (first seen).
     */
    private static Propagation propagation(LocalStack stack, String gw, String token, int perSecond, int seconds) throws Exception {
        int total = perSecond * seconds;
        UUID[] ids = new UUID[total];
        long[] sentMillis = new long[total];
        long[] ackedMillis = new long[total];
        long[] seenMillis = new long[total];
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < total; i++) {
            ids[i] = UUID.randomUUID();
        }
        long interval = 1_000_000_000L / perSecond;
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread poller = Thread.ofPlatform().name("propagation-poller").start(() -> {
            try (Connection c = gatewayDb(stack);
                    PreparedStatement s = c.prepareStatement("select id from entity where id = any(?)")) {
                Map<UUID, Integer> index = new HashMap<>();
                for (int i = 0; i < total; i++) {
                    index.put(ids[i], i);
                }
                int seen = 0;
                long deadline = Long.MAX_VALUE;
                while (seen < total && System.nanoTime() < deadline) {
                    if (!writing.get() && deadline == Long.MAX_VALUE) {
                        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    }
                    List<UUID> waiting = new ArrayList<>();
                    for (int i = 0, n = sent.get(); i < n; i++) {
                        if (seenMillis[i] == 0) {
                            waiting.add(ids[i]);
                        }
                    }
                    if (!waiting.isEmpty()) {
                        s.setArray(1, c.createArrayOf("uuid", waiting.toArray()));
                        try (ResultSet rs = s.executeQuery()) {
                            long now = System.currentTimeMillis();
                            while (rs.next()) {
                                seenMillis[index.get(rs.getObject(1, UUID.class))] = now;
                                seen++;
                            }
                        }
                    }
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int k = i;
            sentMillis[k] = System.currentTimeMillis();
            sent.incrementAndGet();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    HttpResponse<Void> r = Load.HTTP.send(HttpRequest.newBuilder(URI.create(gw + "/api/people/" + ids[k]))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"preferredName\":\"Propagation " + k + "\"}"))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() >= 300) {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
                ackedMillis[k] = System.currentTimeMillis();
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        writing.set(false);
        poller.join();
        long[] propagation = new long[total];
        long[] write = new long[total];
        long[] relay = new long[total];
        long[] toProjector = new long[total];
        long[] projector = new long[total];
        int found = 0;
        Map<UUID, long[]> outbox = new HashMap<>();
        Map<UUID, Long> projected = new HashMap<>();
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(Service.PEOPLE.database),
                PostgresServer.USER, PostgresServer.PASSWORD);
                PreparedStatement s = c.prepareStatement("select aggregate_id, min(created_at), min(sent_at) "
                        + "from outbox_event where aggregate_id = any(?) group by aggregate_id")) {
            s.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    outbox.put(rs.getObject(1, UUID.class), new long[] { millis(rs.getObject(2, OffsetDateTime.class)),
                            millis(rs.getObject(3, OffsetDateTime.class)) });
                }
            }
        }
        try (Connection c = gatewayDb(stack);
                PreparedStatement s = c.prepareStatement("select id, projected_at from entity where id = any(?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    projected.put(rs.getObject(1, UUID.class), millis(rs.getObject(2, OffsetDateTime.class)));
                }
            }
        }
        for (int i = 0; i < total; i++) {
            long[] o = outbox.get(ids[i]);
            Long p = projected.get(ids[i]);
            if (seenMillis[i] == 0 || o == null || p == null) {
                continue;
            }
            propagation[found] = ms(seenMillis[i] - sentMillis[i]);
            write[found] = ms(ackedMillis[i] - sentMillis[i]);
            relay[found] = ms(o[1] - o[0]);
            toProjector[found] = ms(p - o[1]);
            projector[found] = ms(seenMillis[i] - p);
            found++;
        }
        if (found < total) {
            throw new IllegalStateException((total - found) + " of " + total + " writes never reached the gateway ("
                    + failed.get() + " not acknowledged)");
        }
        double[][] hops = new double[5][];
        long[][] all = { propagation, write, relay, toProjector, projector };
        for (int h = 0; h < all.length; h++) {
            java.util.Arrays.sort(all[h]);
            hops[h] = new double[] { Load.percentile(all[h], 0.5), Load.percentile(all[h], 0.99) };
        }
        return new Propagation(perSecond, total, hops);
    }

    /**
     * The propagation of writes sent at a rate: p50 and p99 (ms) of the whole (sent to seen in the read model), then of
     * each hop in turn: the write until acknowledged; the outbox row's transaction to the broker's acknowledgement; from
     * there to the projector's transaction; that transaction until it committed.
     */
    record Propagation(int perSecond, int writes, double[][] hops) {
    }

    private static long millis(OffsetDateTime t) {
        return t == null ? 0 : t.toInstant().toEpochMilli();
    }

    private static long ms(long millis) {
        return Math.max(0, millis) * 1_000_000L;
    }

    /**
     * A rebuild: events replayed, their rate and the time to the swap (as the gateway records them), and how long after
     * the swap was seen the indexes it builds on the live tables afterwards were built (decision 0024).
     */
    record ChangeRebuild(long events, double eventsPerSecond, double seconds, long swappedAtNanos,
            double indexedAfterSwap) {
    }

    static ChangeRebuild rebuild(String gw, String token, Duration patience) throws Exception {
        Load.HTTP.send(HttpRequest.newBuilder(URI.create(gw + "/api/admin/read-model/rebuild"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            var status = mapper.readTree(Load.HTTP.send(HttpRequest.newBuilder(URI.create(gw + "/api/admin/read-model"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body()).path("lastRebuild");
            if (status.path("state").asText().equals("DONE")) {
                long events = status.path("events").asLong();
                double rate = status.path("eventsPerSecond").asDouble();
                long swapped = System.nanoTime();
                while (!mapper.readTree(Load.HTTP.send(HttpRequest.newBuilder(URI.create(gw + "/api/admin/read-model"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString())
                        .body()).path("indexesPending").isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the indexes deferred past the swap were not built in " + patience);
                    }
                    Thread.sleep(1_000); // the status counts the views pending: a million rows after a swap at 1,000,000
                }
                return new ChangeRebuild(events, rate, events / rate, swapped, (System.nanoTime() - swapped) / 1e9);
            }
            if (status.path("state").asText().equals("FAILED") || status.path("state").asText().equals("ABANDONED")) {
                throw new IllegalStateException("rebuild ended " + status.path("state").asText() + ": " + status);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("rebuild did not finish in " + patience);
    }

    /** The process's resident set size in kB, from /proc. */
    static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private void write(Path root, int entities, long projected, double writeSeconds, double projectedSeconds,
            double composedSeconds, double recomposedSeconds, Load.Result ping,
            Load.Result pingAt2000, Load.Result dossier, Load.Result event, Load.Result timeline,
            Load.Result timelineAnyDay, String remembered,
            Load.Result dossierAt2000, Load.Result reread, Load.Result rereadAt2000, Load.Result search, Load.Result searchAt50, Propagation propagationAt50, Propagation propagation, ChangeRebuild rebuild,
            Map<Service, Duration> together, Map<Service, Duration> alone, Map<Service, Long> rss,
            Map<Service, Long> rssIdle) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Measured by `bench/run` (module `bench`, class `org.memoria.bench.Benchmark`) on ")
                .append(LocalDate.now()).append(", on this project's machine: 2 cores, 24 GiB, JDK ")
                .append(Runtime.version()).append(". The four services, PostgreSQL (fsync on) and Kafka run on 127.0.0.1 ")
                .append("exactly as `./memoria up` runs them (each service `java ").append(String.join(" ", LocalStack.JVM_OPTIONS))
                .append("`, with its ahead-of-time cache when an earlier run trained one: docs/decisions/0021); the load ")
                .append("generator (JDK HttpClient, virtual threads) shares the same two cores, so every figure is a lower ")
                .append("bound.\n\n");
        md.append("Archive: the sample plus ").append(entities).append(" synthetic entities (")
                .append(entities * 2 / 5).append(" people with an alias, ").append(entities * 2 / 5)
                .append(" events with two participants and dates of every EDTF precision, ").append(entities / 5)
                .append(" sources with an author), written through the gateway in ").append("%.0f s (%.0f writes/s at 32 in flight)"
                        .formatted(writeSeconds, entities / writeSeconds))
                .append("; the read model held ").append(projected).append(" entities %.0f s after the first write, and "
                        .formatted(projectedSeconds))
                .append("the gateway had composed all their views ahead of reads (docs/decisions/0022) %.0f s after it.\n\n"
                        .formatted(composedSeconds));
        md.append("## Reads (closed loop, 16 clients; search 4)\n\n");
        md.append("| endpoint | requests/s | vs trivial | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
        for (Load.Result r : List.of(ping, dossier, event, timeline, timelineAnyDay, reread, search)) {
            md.append("| %s | %.0f | %.0f %% | %.2f | %.2f | %d |%n".formatted(r.name(), r.perSecond(),
                    100 * r.perSecond() / ping.perSecond(), r.p50(), r.p99(), r.errors()));
        }
        md.append("\nDossier and event read random entities, nearly each for the first time, from the views composed ahead; "
                + "\"read again\" reads %,d people and %,d events that were each read once before (their stored views in "
                .formatted(WORKING_SET, WORKING_SET) + "PostgreSQL's cache). " + remembered + "\n");
        md.append("\n## Fixed rate (open loop; latency counted from the planned start; each loop starts once the "
                + "machine's CPU is under 35 %, up to 20 s after the phase before)\n\n");
        md.append("| load | requests | p50 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|\n");
        for (Load.Result r : List.of(pingAt2000, dossierAt2000, rereadAt2000, searchAt50)) {
            md.append("| %s | %d | %.2f | %.2f | %.1f | %d |%n".formatted(r.name(), r.requests(), r.p50(), r.p99(),
                    r.max(), r.errors()));
        }
        md.append("\n## Write-to-gateway propagation\n\n");
        md.append("PUTs of new people through the gateway at a fixed rate; propagation = when the new person was first "
                + "seen in the read model (polled every 5 ms) minus when its write was sent, and where that time went: "
                + "the write until acknowledged; the people service's outbox row from its transaction (`created_at`) to "
                + "the broker's acknowledgement (`sent_at`); from there to the gateway projector's transaction "
                + "(`projected_at`); that transaction until it committed (seen).\n\n"
                + "| rate | writes | p50 ms | p99 ms | write acknowledged p50 / p99 | outbox to broker | broker to projector "
                + "| projector's transaction |\n|---|---|---|---|---|---|---|---|\n");
        for (Propagation p : List.of(propagationAt50, propagation)) {
            double[][] h = p.hops();
            md.append("| %d/s | %d | **%.0f** | **%.0f** | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f |%n"
                    .formatted(p.perSecond(), p.writes(), h[0][0], h[0][1], h[1][0], h[1][1], h[2][0], h[2][1],
                            h[3][0], h[3][1], h[4][0], h[4][1]));
        }
        md.append("\n");
        md.append("## Read-model rebuild by replay\n\n");
        md.append("%d events replayed from the three topics into shadow tables and swapped in: **%.0f events/s** (%.1f s).\n\n"
                .formatted(rebuild.events(), rebuild.eventsPerSecond(), rebuild.seconds()));
        md.append("The rebuilt model's views were composed again %.1f s after the swap (reads composed them live meanwhile).\n\n"
                .formatted(recomposedSeconds));
        md.append("## Start time and memory\n\n");
        md.append("| service | ready, all four starting together | ready, started alone | RSS after the load | RSS idle after restart |\n|---|---|---|---|---|\n");
        for (Service s : Service.values()) {
            md.append("| %s | %.2f s | %.2f s | %d MB | %d MB |%n".formatted(s.module, together.get(s).toMillis() / 1000.0,
                    alone.get(s).toMillis() / 1000.0, rss.get(s) / 1024, rssIdle.get(s) / 1024));
        }
        md.append("\n\"Ready\" is from process start to the first 200 of `/q/health/ready` (database and Kafka checks).\n");
        Path out = root.resolve("docs/benchmarks-latest.md");
        Files.writeString(out, md.toString());
        System.out.println(md);
        System.out.println("written to " + out);
    }

    private void log(String line) {
        System.out.println("[bench] " + line);
    }
}
