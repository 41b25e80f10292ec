package org.memoria.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.memoria.local.LocalStack;
import org.memoria.local.LocalStack.Service;
import org.memoria.local.SampleLoader;

/**
 * Start time and memory alone (issue 13), in a few minutes instead of the full benchmark's six: the stack as
 * {@code ./memoria up} runs it (the same launcher, JVM options and ahead-of-time caches), then each service stopped
 * and started alone {@code bench.runs} times (from process start to the first 200 of {@code /q/health/ready}), its
 * RSS idle, then after writing {@code bench.entities} entities through the gateway and reading dossiers, events and
 * timelines for {@code bench.seconds} each. Prints the raw figures (and, with {@code -Dbench.nmt=true}, the JVMs'
 * native memory summaries) on standard output.
 *
 * <p>{@code -Dbench.jvm="-XX:+UseSerialGC -Xmx192m"} replaces the services' JVM options (to compare settings);
 * {@code -Dbench.aot=false} runs without the caches; {@code -Dbench.aot-dir=} names their folder (default: the
 * repository's target/aot-cache, as the packaged tests use).
 */
public final class StartBenchmark {

    private StartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("memoria.root", ".")).toAbsolutePath().normalize();
        int runs = Integer.getInteger("bench.runs", 3);
        int entities = Integer.getInteger("bench.entities", 5000);
        int seconds = Integer.getInteger("bench.seconds", 10);
        boolean nmt = Boolean.getBoolean("bench.nmt");
        List<String> jvm = new ArrayList<>(System.getProperty("bench.jvm") == null ? LocalStack.JVM_OPTIONS
                : Arrays.asList(System.getProperty("bench.jvm").trim().split("\\s+")));
        if (nmt) {
            jvm.add("-XX:NativeMemoryTracking=summary");
        }
        Path data = Files.createTempDirectory("memoria-start-");
        LocalStack.Options options = LocalStack.Options.ephemeral(root, data).durable(true)
                .withConfig(Map.of("memoria.security.rate-limit.enabled", "false")).jvmOptions(jvm);
        if ("false".equals(System.getProperty("bench.aot"))) {
            options = options.aotCache(null);
        } else if (System.getProperty("bench.aot-dir") != null) {
            options = options.aotCache(Path.of(System.getProperty("bench.aot-dir")));
        }
        System.out.printf("# StartBenchmark %s, JDK %s, %d cores%n# services: %s%n# ahead-of-time caches: %s%n",
                ZonedDateTime.now(), Runtime.version(), Runtime.getRuntime().availableProcessors(), String.join(" ", jvm),
                options.aotCache() == null ? "off" : options.aotCache());
        try (LocalStack stack = LocalStack.start(options)) {
            System.out.println("\n## All four starting together (./memoria up's order)");
            stack.startTimes().forEach((s, d) -> System.out.printf("%-16s ready %.2f s%s%n", s.module,
                    d.toMillis() / 1000.0, stack.trainsCache(first(s)) ? " (training run: no cache yet)" : ""));
            String gw = stack.url(Service.GATEWAY);
            String token = stack.tokens().admin("start-benchmark");
            SampleLoader sample = new SampleLoader(gw, token);
            sample.load();
            sample.awaitProjected(Duration.ofSeconds(60));

            System.out.println("\n## Each started alone (the others running)");
            Map<Service, List<Double>> alone = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (Service s : Service.values()) {
                    long stopping = System.nanoTime();
                    boolean trained = stack.trainsCache(first(s));
                    stack.stop(s);
                    double stopSeconds = (System.nanoTime() - stopping) / 1e9;
                    long start = System.nanoTime();
                    stack.startService(s);
                    boolean trains = stack.trainsCache(first(s));
                    stack.awaitReady(s, Duration.ofSeconds(120));
                    double ready = (System.nanoTime() - start) / 1e9;
                    alone.computeIfAbsent(s, k -> new ArrayList<>()).add(ready);
                    System.out.printf("run %d %-16s ready %.2f s%s (stopped in %.1f s%s)%n", run, s.module, ready,
                            trains ? ", training run" : options.aotCache() == null ? "" : ", with its cache",
                            stopSeconds, trained ? ", writing its cache" : "");
                }
            }
            alone.forEach((s, r) -> System.out.printf("median %-16s %.2f s%n", s.module,
                    r.stream().sorted().toList().get(r.size() / 2)));

            Thread.sleep(5000);
            System.out.println("\n## Idle (after the sample archive and the restarts)");
            memory(stack, nmt);

            SyntheticArchive synthetic = new SyntheticArchive(gw, token);
            long t0 = System.nanoTime();
            synthetic.write(entities * 2 / 5, entities * 2 / 5, entities / 5, 32);
            System.out.printf("%n## Load%nwrote %d entities in %.1f s%n", entities, (System.nanoTime() - t0) / 1e9);
            Thread.sleep(3000); // the projector catches up
            Duration d = Duration.ofSeconds(seconds);
            List<Load.Result> reads = List.of(
                    Load.closed("dossier", 16, d, r -> URI.create(gw + "/api/people/"
                            + synthetic.people.get(r.nextInt(synthetic.people.size())))),
                    Load.closed("event detail", 16, d, r -> URI.create(gw + "/api/events/"
                            + synthetic.events.get(r.nextInt(synthetic.events.size())))),
                    Load.closed("timeline (1 month)", 16, d, r -> {
                        LocalDate from = LocalDate.of(1900 + r.nextInt(90), 1 + r.nextInt(12), 1);
                        return URI.create(gw + "/api/timeline?from=" + from + "&to=" + from.plusMonths(1).minusDays(1));
                    }));
            for (Load.Result r : reads) {
                System.out.printf("%-20s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d%n", r.name(), r.perSecond(),
                        r.p50(), r.p99(), r.errors());
            }
            System.out.println("\n## After the load");
            memory(stack, nmt);
            System.out.println("\n## OutOfMemoryError in the services' logs: " + outOfMemory(data.resolve("logs")));
        } finally {
            try (Stream<Path> walk = Files.walk(data)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static LocalStack.Instance first(Service s) {
        return new LocalStack.Instance(s, 0);
    }

    private static void memory(LocalStack stack, boolean nmt) throws Exception {
        for (Service s : Service.values()) {
            long pid = stack.pid(s);
            Map<String, String> status = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                String[] kv = line.split(":\\s+", 2);
                if (kv.length == 2 && kv[0].matches("VmRSS|RssAnon|RssFile|RssShmem|Threads")) {
                    status.put(kv[0], kv[1].trim());
                }
            }
            System.out.printf("%-16s %s%n", s.module, status);
            if (nmt) {
                System.out.println(jcmd(pid, "VM.native_memory", "summary"));
                System.out.println(jcmd(pid, "GC.heap_info"));
            }
        }
    }

    private static String jcmd(long pid, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(Arrays.asList(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static List<String> outOfMemory(Path logs) throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.toList()) {
                if (Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains("OutOfMemoryError")) {
                    found.add(f.getFileName().toString());
                }
            }
        }
        return found;
    }
}
