package org.memoria.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of a benchmark phase ({@code -Dbench.jfr=true}) the ways docs/benchmarks.md quotes it:
 *
 * <pre>
 * java -cp bench/target/classes org.memoria.bench.JfrReport packages FILE.jfr org.postgresql,org.hibernate,...
 * java -cp bench/target/classes org.memoria.bench.JfrReport below FILE.jfr SomeClass.method DEPTH
 * java -cp bench/target/classes org.memoria.bench.JfrReport waits FILE.jfr LIMIT
 * java -cp bench/target/classes org.memoria.bench.JfrReport monitors FILE.jfr SomeClass.method DEPTH
 * java -cp bench/target/classes org.memoria.bench.JfrReport load FILE.jfr
 * </pre>
 *
 * {@code packages}: each execution sample counted once, for the first listed prefix its stack meets from the leaf
 * (where the CPU went, by library). {@code below}: the samples whose stack holds the method, by the DEPTH frames from
 * it towards the leaf (what a call spends its CPU on). {@code waits}: JFR's thresholded park, sleep, monitor and
 * socket-read events, summed by thread, event and the first frame of this project's code (where threads wait).
 * {@code monitors}: the contended monitors entered under the method, by monitor class and stack. {@code load}: the
 * whole machine's CPU use and this process's, second by second (JFR's {@code jdk.CPULoad}), to see when it saturates.
 */
public final class JfrReport {

    private JfrReport() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "packages" -> packages(file, List.of(args[2].split(",")));
            case "below" -> below(file, args[2], Integer.parseInt(args[3]));
            case "waits" -> waits(file, Integer.parseInt(args[2]));
            case "monitors" -> monitors(file, args[2], Integer.parseInt(args[3]));
            case "load" -> load(file);
            default -> throw new IllegalArgumentException("packages, below, waits, monitors or load: " + args[0]);
        }
    }

    private static void packages(Path file, List<String> prefixes) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        prefixes.forEach(p -> counts.put(p, 0L));
        counts.put("(other)", 0L);
        long[] total = new long[1];
        samples(file, e -> {
            total[0]++;
            counts.merge(firstMatch(e.getStackTrace().getFrames(), prefixes), 1L, Long::sum);
        });
        System.out.println("execution samples: " + total[0]);
        counts.forEach((k, v) -> System.out.printf("%6.1f %%  %s%n", 100.0 * v / total[0], k));
    }

    private static String firstMatch(List<RecordedFrame> frames, List<String> prefixes) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (String prefix : prefixes) {
                if (type.startsWith(prefix)) {
                    return prefix;
                }
            }
        }
        return "(other)";
    }

    private static void below(Path file, String method, int depth) throws IOException {
        Map<String, Long> paths = new HashMap<>();
        long[] total = new long[2];
        samples(file, e -> {
            total[0]++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            int at = indexOf(frames, method);
            if (at < 0) {
                return;
            }
            total[1]++;
            StringBuilder path = new StringBuilder();
            for (int d = 0; d < depth && at - d >= 0; d++) {
                path.append(d == 0 ? "" : " > ").append(shortName(frames.get(at - d)));
            }
            paths.merge(path.toString(), 1L, Long::sum);
        });
        System.out.printf("execution samples: %d, with %s: %d%n", total[0], method, total[1]);
        print(paths, total[0], 12);
    }

    private static void waits(Path file, int limit) throws IOException {
        Map<String, long[]> sums = new HashMap<>();
        read(file, e -> {
            String type = e.getEventType().getName();
            if (!List.of("jdk.SocketRead", "jdk.ThreadPark", "jdk.JavaMonitorWait", "jdk.JavaMonitorEnter",
                    "jdk.ThreadSleep").contains(type)) {
                return;
            }
            String ours = "";
            if (e.getStackTrace() != null) {
                for (RecordedFrame frame : e.getStackTrace().getFrames()) {
                    if (frame.getMethod().getType().getName().startsWith("org.memoria")) {
                        ours = shortName(frame);
                        break;
                    }
                }
            }
            long[] sum = sums.computeIfAbsent(thread(e) + " | " + type.substring(4) + " | " + ours, k -> new long[2]);
            sum[0]++;
            sum[1] += e.getDuration().toMillis();
        });
        System.out.println("    total ms   events  thread | event | first frame of this project");
        sums.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(limit)
                .forEach(s -> System.out.printf("%12d %8d  %s%n", s.getValue()[1], s.getValue()[0], s.getKey()));
    }

    private static void monitors(Path file, String method, int depth) throws IOException {
        Map<String, long[]> sums = new HashMap<>();
        read(file, e -> {
            if (!e.getEventType().getName().equals("jdk.JavaMonitorEnter") || e.getStackTrace() == null
                    || indexOf(e.getStackTrace().getFrames(), method) < 0) {
                return;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            StringBuilder key = new StringBuilder("monitor " + e.getClass("monitorClass").getName());
            for (int i = 0; i < Math.min(depth, frames.size()); i++) {
                key.append("\n        ").append(shortName(frames.get(i))).append(':')
                        .append(frames.get(i).getLineNumber());
            }
            long[] sum = sums.computeIfAbsent(key.toString(), k -> new long[2]);
            sum[0]++;
            sum[1] += e.getDuration().toMillis();
        });
        sums.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(4)
                .forEach(s -> System.out.printf("%10d ms %6d events, %s%n", s.getValue()[1], s.getValue()[0],
                        s.getKey()));
    }

    private static void load(Path file) throws IOException {
        System.out.println("time      machine  this process (user + system), of all cores");
        read(file, e -> {
            if (e.getEventType().getName().equals("jdk.CPULoad")) {
                System.out.printf("%s  %5.1f %%  %5.1f %%%n", e.getStartTime().toString().substring(11, 19),
                        100 * e.getFloat("machineTotal"), 100 * (e.getFloat("jvmUser") + e.getFloat("jvmSystem")));
            }
        });
    }

    private static int indexOf(List<RecordedFrame> frames, String method) {
        for (int i = 0; i < frames.size(); i++) {
            RecordedFrame frame = frames.get(i);
            if ((frame.getMethod().getType().getName() + "." + frame.getMethod().getName()).endsWith(method)) {
                return i;
            }
        }
        return -1;
    }

    private static String shortName(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static String thread(RecordedEvent e) {
        RecordedThread thread = e.getThread();
        String name = thread == null ? null : thread.getJavaName();
        return name == null ? "?" : name.replaceAll("-\\d+$", "");
    }

    private static void print(Map<String, Long> counts, long total, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(c -> System.out.printf("%6.1f %%  %s%n", 100.0 * c.getValue() / total, c.getKey()));
    }

    private static void samples(Path file, Consumer<RecordedEvent> sample) throws IOException {
        read(file, e -> {
            if (e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null) {
                sample.accept(e);
            }
        });
    }

    private static void read(Path file, Consumer<RecordedEvent> each) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                each.accept(recording.readEvent());
            }
        }
    }
}
