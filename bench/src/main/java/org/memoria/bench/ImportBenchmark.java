package org.memoria.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.memoria.local.LocalStack;
import org.memoria.local.LocalStack.Service;
import org.memoria.local.PostgresServer;

/**
 * The bulk import's benchmark ({@code bench/run -Dbench.import=1000000}): generates a synthetic archive in the import
 * format (places, people, organisations, sources, events naming a place and two people, memberships, claims with
 * evidence, all by key and in mixed order), uploads it to a fresh stack, and measures the end-to-end rate: from the
 * upload's first byte to the last record visible in the gateway's read model. Writes docs/benchmarks-import-latest.md.
 */
public final class ImportBenchmark {

    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern NUMBER = Pattern.compile("\"(read|written|unchanged|rejected|pending)\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        new ImportBenchmark().run(Integer.getInteger("bench.import", 1_000_000));
    }

    private void run(int records) throws Exception {
        Path root = Path.of(System.getProperty("memoria.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("memoria-bench-import-");
        Path file = data.resolve("archive.ndjson");
        Map<String, Integer> kinds = generate(file, records);
        log("generated %d records (%d MB) in %s: %s".formatted(records, Files.size(file) >> 20, file, kinds));
        LocalStack.Options options = LocalStack.Options.ephemeral(root, data.resolve("stack"))
                .durable(!"false".equals(System.getProperty("bench.durable")))
                .withConfig(Map.of("memoria.security.rate-limit.enabled", "false"));
        try (LocalStack stack = LocalStack.start(options)) {
            String gw = stack.url(Service.GATEWAY);
            String token = stack.tokens().archivist("benchmark");
            long before = entities(stack);

            long t0 = System.nanoTime();
            HttpResponse<String> created = Load.HTTP.send(HttpRequest.newBuilder(URI.create(gw + "/api/imports"))
                    .timeout(Duration.ofMinutes(30)).header("Content-Type", "application/x-ndjson")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double uploadSeconds = (System.nanoTime() - t0) / 1e9;
            if (created.statusCode() != 202) {
                throw new IllegalStateException("the upload answered " + created.statusCode() + ": " + created.body());
            }
            String job = created.headers().firstValue("Location").orElseThrow();
            log("uploaded in %.1f s: %s".formatted(uploadSeconds, job));
            log("the worker's next-records query: " + explainNext(stack, job.substring(job.lastIndexOf('/') + 1)));

            String last = "";
            long deadline = System.nanoTime() + Duration.ofHours(2).toNanos();
            long nextLog = 0;
            while (System.nanoTime() < deadline) {
                last = Load.HTTP.send(HttpRequest.newBuilder(URI.create(job)).header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher state = STATE.matcher(last);
                if (state.find() && (state.group(1).equals("DONE") || state.group(1).equals("CANCELLED"))) {
                    break;
                }
                if (System.nanoTime() > nextLog) {
                    log("job: " + counts(last) + ", read model " + (entities(stack) - before));
                    nextLog = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                }
                Thread.sleep(500);
            }
            double writtenSeconds = (System.nanoTime() - t0) / 1e9;
            int rejections = last.indexOf("\"rejections\"");
            if (rejections >= 0) {
                log("first rejections: " + last.substring(rejections, Math.min(last.length(), rejections + 1500)));
            }
            Map<String, Long> counts = counts(last);
            long expected = counts.getOrDefault("written", 0L) + counts.getOrDefault("unchanged", 0L);
            long visible = 0;
            while (System.nanoTime() < deadline && (visible = entities(stack) - before) < expected) {
                Thread.sleep(200);
            }
            double visibleSeconds = (System.nanoTime() - t0) / 1e9;
            Map<Service, Long> rss = new LinkedHashMap<>();
            Map<Service, Boolean> alive = new LinkedHashMap<>();
            for (Service s : Service.values()) {
                rss.put(s, Benchmark.rssKb(stack.pid(s)));
                alive.put(s, ProcessHandle.of(stack.pid(s)).map(ProcessHandle::isAlive).orElse(false));
            }
            String md = report(records, Files.size(file), kinds, uploadSeconds, writtenSeconds, visibleSeconds, counts,
                    visible, rss, alive);
            Path out = root.resolve("docs/benchmarks-import-latest.md");
            Files.writeString(out, md);
            System.out.println(md);
            System.out.println("written to " + out);
        } finally {
            try (var walk = Files.walk(data)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The archive: per 100 records 5 places, 35 people, 5 organisations, 10 sources, 30 events (a place, two people),
     * 10 memberships and 5 claims (about a person, with evidence from a source), each naming others by key; written
     * in shuffled blocks, so that references point forwards as often as backwards.
     */
    private static Map<String, Integer> generate(Path file, int records) throws Exception {
        Random random = new Random(1940);
        int blocks = Math.max(1, records / 100);
        Map<String, Integer> kinds = new LinkedHashMap<>();
        String[] plan = new String[100];
        int at = 0;
        for (Object[] part : new Object[][] { { "place", 5 }, { "person", 35 }, { "organisation", 5 },
                { "source", 10 }, { "event", 30 }, { "membership", 10 }, { "claim", 5 } }) {
            for (int i = 0; i < (int) part[1]; i++) {
                plan[at++] = (String) part[0];
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int b = 0; b < blocks; b++) {
                // a block holds one of each of the plan's records, in a random order
                String[] order = plan.clone();
                for (int i = order.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    String t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                Map<String, Integer> n = new LinkedHashMap<>();
                for (String kind : order) {
                    int i = n.merge(kind, 1, Integer::sum) - 1;
                    int k = b * 100 + i; // unique per kind across blocks
                    kinds.merge(kind, 1, Integer::sum);
                    out.write(line(kind, k, b, random));
                    out.write('\n');
                }
            }
        }
        return kinds;
    }

    private static String line(String kind, int k, int block, Random r) {
        String last = SyntheticArchive.LAST[r.nextInt(SyntheticArchive.LAST.length)];
        String first = SyntheticArchive.FIRST[r.nextInt(SyntheticArchive.FIRST.length)];
        int base = block * 100; // the keys of this block: each kind has indices base .. base + its count - 1
        String data = switch (kind) {
            case "place" -> "{\"name\":\"Colonia " + last + " " + k + "\",\"type\":\"DISTRICT\",\"latitude\":"
                    + (19 + r.nextDouble()) + ",\"longitude\":" + (-99 - r.nextDouble()) + "}";
            case "person" -> "{\"preferredName\":\"" + first + " " + last + " " + k + "\",\"names\":[{\"name\":\"Agent "
                    + Integer.toString(k, 36) + "\",\"type\":\"ALIAS\"}],\"birthDate\":\"" + (1850 + r.nextInt(80)) + "\"}";
            case "organisation" -> "{\"preferredName\":\"Comité " + last + " " + k + "\",\"type\":\"POLITICAL_PARTY\"}";
            case "source" -> "{\"type\":\"ARTICLE\",\"title\":\"Report " + k + " on " + last + "\",\"authorIds\":[{\"key\":\"p"
                    + (base + r.nextInt(35)) + "\"}],\"date\":\"" + (1920 + r.nextInt(90)) + "-0" + (1 + r.nextInt(9))
                    + "\",\"language\":\"es\"}";
            case "event" -> "{\"title\":\"Meeting " + k + " of " + last + "\",\"type\":\"MEETING\",\"date\":\""
                    + (1900 + r.nextInt(90)) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(9) + "\",\"placeId\":{\"key\":\"pl"
                    + (base + r.nextInt(5)) + "\"},\"participants\":[{\"personId\":{\"key\":\"p" + (base + r.nextInt(35))
                    + "\"},\"role\":\"PARTICIPANT\"},{\"personId\":{\"key\":\"p" + (base + r.nextInt(35))
                    + "\"},\"role\":\"WITNESS\",\"note\":\"named in the report\"}]}";
            case "membership" -> "{\"personId\":{\"key\":\"p" + (base + r.nextInt(35)) + "\"},\"organisationId\":{\"key\":\"o"
                    + (base + r.nextInt(5)) + "\"},\"role\":\"member\",\"period\":\"" + (1920 + r.nextInt(20)) + "/"
                    + (1941 + r.nextInt(20)) + "\"}";
            case "claim" -> "{\"statement\":\"Person p" + (base + r.nextInt(35)) + " was at meeting " + k
                    + "\",\"subjects\":[{\"kind\":\"PERSON\",\"id\":{\"key\":\"p" + (base + r.nextInt(35))
                    + "\"}}],\"evidence\":[{\"sourceId\":{\"key\":\"s" + (base + r.nextInt(10))
                    + "\"},\"stance\":\"SUPPORTS\",\"strength\":\"INDICATIVE\",\"locator\":\"p. " + (1 + r.nextInt(300))
                    + "\"}]}";
            default -> throw new IllegalArgumentException(kind);
        };
        String prefix = switch (kind) {
            case "place" -> "pl";
            case "person" -> "p";
            case "organisation" -> "o";
            case "source" -> "s";
            case "event" -> "e";
            case "membership" -> "m";
            default -> "c";
        };
        return "{\"kind\":\"" + kind + "\",\"key\":\"" + prefix + k + "\",\"data\":" + data + "}";
    }

    private static Map<String, Long> counts(String job) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher m = NUMBER.matcher(job);
        while (m.find()) {
            counts.putIfAbsent(m.group(1), Long.parseLong(m.group(2))); // the job's totals come before its kinds
        }
        return counts;
    }

    /** How PostgreSQL reads the worker's next batch (ImportWorker.next): by index, not by sorting the whole job. */
    private static String explainNext(LocalStack stack, String job) throws Exception {
        String order = "array_position(array['place', 'person', 'organisation', 'source', 'event', 'membership', "
                + "'relation', 'citation', 'claim']::varchar[], kind)";
        StringBuilder plan = new StringBuilder();
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl("gateway"), PostgresServer.USER,
                PostgresServer.PASSWORD); var s = c.createStatement();
                var rs = s.executeQuery("explain select line, kind, id, body, same_kind_ref from import_record "
                        + "where job_id = '" + job + "' and status = 'PENDING' and line > -1 order by " + order
                        + ", line limit 500")) {
            while (rs.next()) {
                plan.append(rs.getString(1).strip()).append(" | ");
            }
        }
        return plan.toString();
    }

    private static long entities(LocalStack stack) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl("gateway"), PostgresServer.USER,
                PostgresServer.PASSWORD); var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from entity where not deleted and kind <> 'TERM'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String report(int records, long bytes, Map<String, Integer> kinds, double upload, double written,
            double visible, Map<String, Long> counts, long projected, Map<Service, Long> rss,
            Map<Service, Boolean> alive) {
        StringBuilder md = new StringBuilder("# Bulk import benchmark\n\n");
        md.append("Measured by `bench/run -Dbench.import=").append(records).append("` (class `org.memoria.bench.ImportBenchmark`) on ")
                .append(LocalDate.now()).append(", 2 cores, JDK ").append(Runtime.version())
                .append(", the stack as `./memoria up` runs it (each service `").append(String.join(" ", LocalStack.JVM_OPTIONS))
                .append("`, PostgreSQL fsync on).\n\n");
        md.append("File: ").append(records).append(" records, ").append(bytes >> 20).append(" MB, ").append(kinds)
                .append(", references by key in both directions.\n\n");
        md.append("| measure | value |\n|---|---|\n");
        md.append("| upload (first byte to 202) | %.1f s (%.0f records/s) |%n".formatted(upload, records / upload));
        md.append("| upload to job DONE | %.1f s (%.0f records/s) |%n".formatted(written, records / written));
        md.append("| **upload to last record visible in the read model** | **%.1f s (%.0f records/s)** |%n"
                .formatted(visible, records / visible));
        md.append("| job counts | %s |%n".formatted(counts));
        md.append("| read model entities added | %d |%n".formatted(projected));
        for (Service s : Service.values()) {
            md.append("| %s RSS after, alive | %d MB, %s |%n".formatted(s.module, rss.get(s) / 1024, alive.get(s)));
        }
        return md.toString();
    }

    private static void log(String line) {
        System.out.println("[bench-import] " + line);
    }
}
