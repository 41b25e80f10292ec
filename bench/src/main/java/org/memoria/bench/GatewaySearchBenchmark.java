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
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.memoria.local.LocalStack;
import org.memoria.local.LocalStack.Service;
import org.memoria.local.PostgresServer;
import org.memoria.local.PrometheusText;

/**
 * {@code bench/run -Dbench.gateway-search=1000000}: search through the gateway (HTTP, its search index, PostgreSQL for
 * the page's labels and snippets) at a size the full benchmark cannot write through the API in reasonable time. The
 * stack starts empty; the gateway is stopped, its read model filled by SQL as {@link SearchBenchmark#fill} fills it
 * ({@code entity} and {@code search_term}, rows shaped like {@link SyntheticArchive}'s), and started again, so that its
 * search index is built from those rows as a replica builds it when it starts. Then {@code bench.clients} (4) clients
 * in a closed loop for {@code bench.seconds} (15) with {@link Benchmark#searchTerm}'s mix, and the same searches at a
 * fixed 50 per second, as the full benchmark measures them at 100,000. With {@code -Dbench.jfr=true}, profiles of the
 * search phase in {@code target/bench-jfr/gateway-search-*}.
 */
public final class GatewaySearchBenchmark {

    private GatewaySearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int entities = Integer.getInteger("bench.gateway-search", 1_000_000);
        int seconds = Integer.getInteger("bench.seconds", 15);
        int clients = Integer.getInteger("bench.clients", 4);
        Path root = Path.of(System.getProperty("memoria.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("memoria-gateway-search-bench-");
        System.out.printf("# Search through the gateway at %,d entities (%s, JDK %s, %d cores)%n%n", entities,
                LocalDate.now(), Runtime.version(), Runtime.getRuntime().availableProcessors());
        Profiles.enable();
        LocalStack.Options options = LocalStack.Options.ephemeral(root, data)
                .withConfig(Map.of("memoria.security.rate-limit.enabled", "false"));
        try (LocalStack stack = LocalStack.start(options)) {
            stack.stop(Service.GATEWAY);
            String url = stack.postgres().jdbcUrl(Service.GATEWAY.database);
            try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
                long t0 = System.nanoTime();
                SearchBenchmark.fill(c, entities);
                System.out.printf("read model filled in %.0f s (with every index of the gateway's migrations): %s%n",
                        (System.nanoTime() - t0) / 1e9, SearchBenchmark.sizes(c));
            }
            long t0 = System.nanoTime();
            stack.startService(Service.GATEWAY);
            stack.awaitReady(Service.GATEWAY, Duration.ofMinutes(5));
            double ready = (System.nanoTime() - t0) / 1e9;
            String gw = stack.url(Service.GATEWAY);
            // the follower reports -1 while it builds, then how far behind the feed it is (0: nothing has changed)
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (metric(gw, "memoria_search_index_lag_changes", Map.of()) != 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the search index was not built in 10 minutes");
                }
                Thread.sleep(200);
            }
            System.out.printf("gateway ready in %.1f s; its search index built %.1f s after it started (RSS %,d kB)%n%n",
                    ready, (System.nanoTime() - t0) / 1e9, Benchmark.rssKb(stack.pid(Service.GATEWAY)));

            Function<ThreadLocalRandom, URI> searches = r -> URI.create(gw + "/api/search?q="
                    + URLEncoder.encode(Benchmark.searchTerm(r, entities * 2 / 5), StandardCharsets.UTF_8));
            for (String q : new String[] { "Hansen", "Alvarez", "Álvarex", "Agent " + Integer.toString(entities / 5, 36) }) {
                HttpResponse<String> page = Load.HTTP.send(HttpRequest.newBuilder(URI.create(gw + "/api/search?q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
                String body = page.body();
                int total = body.indexOf("\"total\"");
                System.out.printf("q=%s: HTTP %d, %s%n", q, page.statusCode(),
                        total < 0 ? body.substring(0, Math.min(200, body.length()))
                                : body.substring(total, Math.min(body.length(), body.indexOf(',', total))));
            }
            Load.Result warm = Load.closed("warm-up", clients, Duration.ofSeconds(5), searches);
            double byIndex = metric(gw, "memoria_search_queries_total", Map.of("answered_by", "index"));
            double byDatabase = metric(gw, "memoria_search_queries_total", Map.of("answered_by", "database"));
            Profiles profiles = new Profiles(stack, root);
            Duration d = Duration.ofSeconds(seconds);
            Load.Result ping = Load.closed("ping (trivial)", clients, Duration.ofSeconds(5),
                    r -> URI.create(gw + "/api/ping"));
            profiles.start("gateway-search");
            Load.Result search = Load.closed("search", clients, d, searches);
            Load.Result at50 = Load.open("search at 50 req/s", 50, Duration.ofSeconds(Math.min(seconds, 10)), searches);
            profiles.stop("gateway-search");
            byIndex = metric(gw, "memoria_search_queries_total", Map.of("answered_by", "index")) - byIndex;
            byDatabase = metric(gw, "memoria_search_queries_total", Map.of("answered_by", "database")) - byDatabase;
            System.out.printf("%nwarm-up: %d searches in 5 s%n", warm.requests());
            for (Load.Result r : new Load.Result[] { ping, search, at50 }) {
                System.out.printf("%-22s %,8d requests, %,7.0f req/s, p50 %6.1f ms, p99 %7.1f ms, max %7.1f ms, "
                        + "errors %d%n", r.name(), r.requests(), r.perSecond(), r.p50(), r.p99(), r.max(), r.errors());
            }
            System.out.printf("answered by the index %.0f, by the database %.0f (memoria_search_queries_total)%n",
                    byIndex, byDatabase);
            System.out.printf("gateway RSS after the load: %,d kB; load average: %s%n",
                    Benchmark.rssKb(stack.pid(Service.GATEWAY)), SearchBenchmark.loadAverage());
        } finally {
            try (var walk = Files.walk(data)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static double metric(String gateway, String name, Map<String, String> labels) throws Exception {
        String text = Load.HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return PrometheusText.value(text, name, labels)
                .orElseThrow(() -> new IllegalStateException(name + labels + " is not exported"));
    }
}
