package org.memoria.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** HTTP load on 127.0.0.1: closed loop (fixed concurrency) and open loop (fixed rate), with latency percentiles. */
final class Load {

    /** Result of one load: requests, errors, throughput and latency percentiles in milliseconds. */
    record Result(String name, long requests, long errors, double perSecond, double p50, double p99, double max) {
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Load() {
    }

    static int get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** {@code concurrency} clients, each sending its next request as soon as the last answered. */
    static Result closed(String name, int concurrency, Duration duration, Function<ThreadLocalRandom, URI> next)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        long[][] latencies = new long[concurrency][];
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            int client = i;
            threads.add(Thread.ofVirtual().start(() -> {
                // grown as needed: a client's array sized for the fastest loop (16 MB each) made the generator's
                // collector work in every phase (docs/benchmarks.md, runs 18 and 19)
                long[] mine = new long[8_192];
                int n = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        if (get(next.apply(random)) != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (++n == mine.length) {
                        mine = Arrays.copyOf(mine, mine.length * 2);
                    }
                    mine[n] = System.nanoTime() - t0;
                }
                mine[0] = n;
                latencies[client] = mine;
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return summarise(name, List.of(latencies), errors.get(), (System.nanoTime() - started) / 1e9);
    }

    /** Requests started at a fixed rate whatever the answers; latency counts from the planned start. */
    static Result open(String name, int perSecond, Duration duration, Function<ThreadLocalRandom, URI> next)
            throws InterruptedException {
        waitForQuiet(name);
        int total = (int) (perSecond * duration.toSeconds());
        long[] latency = new long[total + 1];
        AtomicLong errors = new AtomicLong();
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long planned = start + i * interval;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int slot = i + 1;
            URI uri = next.apply(ThreadLocalRandom.current());
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    if (get(uri) != 200) {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                latency[slot] = System.nanoTime() - planned;
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        latency[0] = total;
        slowBySecond(name, perSecond, latency);
        return summarise(name, List.of(latency), errors.get(), (System.nanoTime() - start) / 1e9);
    }

    /** The machine's CPU below which an open loop starts, and how long it waits for that at most. */
    private static final double QUIET = 0.35;
    private static final Duration QUIET_PATIENCE = Duration.ofSeconds(20);

    /**
     * Waits until the machine's CPU (all processes, from {@code /proc/stat}) stayed under {@link #QUIET} for half a
     * second, at most {@link #QUIET_PATIENCE}: an open loop measures the rate it asks for, not the previous phase's
     * last requests, compilations and background work (a closed loop ends with the machine saturated). Prints how
     * long it waited and the CPU it started at; starts anyway after the patience.
     */
    static void waitForQuiet(String name) throws InterruptedException {
        long t0 = System.nanoTime();
        double busy = Double.NaN; // unknown where /proc/stat is not
        long[] before = cpuTicks();
        while (before != null && System.nanoTime() - t0 < QUIET_PATIENCE.toNanos()) {
            Thread.sleep(500);
            long[] now = cpuTicks();
            if (now == null) {
                break;
            }
            long total = now[0] - before[0];
            busy = total == 0 ? 0 : (double) (now[1] - before[1]) / total;
            before = now;
            if (busy < QUIET) {
                break;
            }
        }
        System.out.printf("[bench] %s starts after %.1f s, the machine's CPU %s%n", name,
                (System.nanoTime() - t0) / 1e9, Double.isNaN(busy) ? "unknown (no /proc/stat)"
                        : "at %.0f %% over the last half second".formatted(busy * 100));
    }

    /** All CPU ticks and the busy ones (all but idle and iowait) since boot, or null where /proc/stat is not. */
    private static long[] cpuTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] { total, total - Long.parseLong(f[4]) - Long.parseLong(f[5]) };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Prints when in an open loop the requests over 100 ms were planned, by second of the loop, and each second's
     * p99: a tail made by one stall shows as one or two seconds, one made by a rate the server cannot keep as every
     * second after some point.
     */
    private static void slowBySecond(String name, int perSecond, long[] latency) {
        StringBuilder slow = new StringBuilder();
        StringBuilder p99s = new StringBuilder();
        int seconds = (int) Math.ceil((latency.length - 1) / (double) perSecond);
        for (int s = 0; s < seconds; s++) {
            int count = 0;
            long worst = 0;
            int from = 1 + s * perSecond;
            int to = Math.min(latency.length - 1, (s + 1) * perSecond);
            for (int i = from; i <= to; i++) {
                if (latency[i] > 100_000_000L) {
                    count++;
                }
                worst = Math.max(worst, latency[i]);
            }
            if (count > 0) {
                slow.append(" second %d: %d (worst %.0f ms);".formatted(s, count, worst / 1e6));
            }
            long[] second = Arrays.copyOfRange(latency, from, to + 1);
            Arrays.sort(second);
            p99s.append(" %.1f".formatted(percentile(second, 0.99)));
        }
        System.out.println("[bench] " + name + ", requests over 100 ms by second of the loop:"
                + (slow.isEmpty() ? " none" : slow.substring(0, slow.length() - 1)));
        System.out.println("[bench] " + name + ", p99 in ms by second of the loop:" + p99s);
    }

    static Result summarise(String name, List<long[]> perThread, long errors, double seconds) {
        int n = 0;
        for (long[] l : perThread) {
            n += (int) l[0];
        }
        long[] all = new long[n];
        int k = 0;
        for (long[] l : perThread) {
            System.arraycopy(l, 1, all, k, (int) l[0]);
            k += (int) l[0];
        }
        Arrays.sort(all);
        return new Result(name, n, errors, n / seconds, percentile(all, 0.50), percentile(all, 0.99),
                n == 0 ? 0 : all[n - 1] / 1e6);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
