package org.memoria.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.memoria.local.LocalStack;
import org.memoria.local.LocalStack.Service;
import org.memoria.local.PostgresServer;

/**
 * With {@code -Dbench.jfr=true}, a JDK Flight Recorder profile of every service for each phase of the benchmark
 * ({@code jcmd PID JFR.start} / {@code JFR.stop}), written to {@code target/bench-jfr/<phase>-<service>.jfr} (read them
 * with {@code bench/jfr-summary FILE...} or {@code jfr view hot-methods FILE}), and PostgreSQL's statements by total
 * time in the phase ({@code pg_stat_statements}) in {@code target/bench-jfr/<phase>-postgres.txt}, and the CPU time
 * each process of the machine used in the phase (from {@code /proc}) in {@code target/bench-jfr/<phase>-cpu.txt}. Off, it does
 * nothing. {@link #enable} must run before the stack starts: PostgreSQL loads the statements' module at start.
 */
final class Profiles {

    private static final String STATEMENTS = """
            select d.datname, calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), rows,
                   regexp_replace(query, '\\s+', ' ', 'g')
            from pg_stat_statements p join pg_database d on d.oid = p.dbid
            order by total_exec_time desc limit 40""";

    /** Before the stack starts: PostgreSQL then keeps statement statistics, if profiles are on. */
    static void enable() {
        if (Boolean.getBoolean("bench.jfr")) {
            System.setProperty("memoria.postgres.statements", "true");
        }
    }

    private final LocalStack stack;
    private final Path folder;
    private final boolean on;
    private final Map<String, Map<Long, long[]>> cpuAtStart = new HashMap<>();

    Profiles(LocalStack stack, Path root) {
        this.stack = stack;
        this.folder = root.resolve("target/bench-jfr");
        this.on = Boolean.getBoolean("bench.jfr");
    }

    /** Starts a recording named {@code phase} in every service, and counts PostgreSQL's statements from zero. */
    void start(String phase) throws Exception {
        if (!on) {
            return;
        }
        Files.createDirectories(folder);
        for (Service s : Service.values()) {
            jcmd(stack.pid(s), "JFR.start", "name=" + phase, "settings=profile");
        }
        // the load generator too: it shares the two cores, and a phase may be bound by it
        jcmd(ProcessHandle.current().pid(), "JFR.start", "name=" + phase, "settings=profile");
        try (Connection c = postgres(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
        cpuAtStart.put(phase, cpuTimes());
    }

    /** Stops the recordings named {@code phase} and writes them, with PostgreSQL's statements of the phase. */
    void stop(String phase) throws Exception {
        if (!on) {
            return;
        }
        for (Service s : Service.values()) {
            jcmd(stack.pid(s), "JFR.stop", "name=" + phase,
                    "filename=" + folder.resolve(phase + "-" + s.module + ".jfr"));
        }
        jcmd(ProcessHandle.current().pid(), "JFR.stop", "name=" + phase,
                "filename=" + folder.resolve(phase + "-benchmark.jfr"));
        StringBuilder report = new StringBuilder("database | calls | total ms | mean ms | rows | statement\n");
        try (Connection c = postgres(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(STATEMENTS)) {
            while (rs.next()) {
                report.append("%s | %d | %s | %s | %d | %s%n".formatted(rs.getString(1), rs.getLong(2),
                        rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getLong(5), rs.getString(6)));
            }
        }
        Files.writeString(folder.resolve(phase + "-postgres.txt"), report);
        writeCpu(phase, cpuAtStart.remove(phase), cpuTimes());
        System.out.println("[bench] profiles of " + phase + " in " + folder);
    }

    /** Per process: {utime + stime in clock ticks, start time}, and its command line, from /proc. */
    private static Map<Long, long[]> cpuTimes() {
        Map<Long, long[]> times = new HashMap<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields after the command: state(3) ... utime(14) stime(15) ... starttime(22), numbered from 1
                    times.put(Long.parseLong(name), new long[] { Long.parseLong(f[11]) + Long.parseLong(f[12]),
                            Long.parseLong(f[19]) });
                } catch (IOException | RuntimeException e) {
                    // it ended meanwhile
                }
            }
        } catch (IOException e) {
            return times;
        }
        return times;
    }

    private void writeCpu(String phase, Map<Long, long[]> before, Map<Long, long[]> after) throws IOException {
        Map<String, Long> byProcess = new HashMap<>();
        long total = 0;
        for (var e : after.entrySet()) {
            long[] was = before == null ? null : before.get(e.getKey());
            long used = was != null && was[1] == e.getValue()[1] ? e.getValue()[0] - was[0] : e.getValue()[0];
            if (used <= 0) {
                continue;
            }
            total += used;
            byProcess.merge(describe(e.getKey()), used, Long::sum);
        }
        StringBuilder out = new StringBuilder("CPU seconds used in the phase, by process (clock ticks of 10 ms)\n");
        out.append("%8.1f s  all processes%n".formatted(total / 100.0));
        byProcess.entrySet().stream().sorted(Map.Entry.<String, Long> comparingByValue().reversed()).limit(25)
                .forEach(e -> out.append("%8.1f s  %s%n".formatted(e.getValue() / 100.0, e.getKey())));
        Files.writeString(folder.resolve(phase + "-cpu.txt"), out);
    }

    /** A process named as a reader of the report would: which service, postgres (by role), kafka, the benchmark. */
    private String describe(long pid) {
        for (Service s : Service.values()) {
            if (stack.pid(s) == pid) {
                return s.module;
            }
        }
        try {
            String cmd = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ').strip();
            if (pid == ProcessHandle.current().pid()) { // before kafka: its class path names kafka-clients
                return "benchmark (load generator)";
            }
            if (cmd.contains("kafka.Kafka") || cmd.contains("kafka_2.")) {
                return "kafka broker";
            }
            if (cmd.startsWith("postgres:")) { // "postgres: user db host(port) idle": group backends by database
                String[] w = cmd.split("\\s+");
                return w.length > 3 && w[3].contains("(") ? "postgres backends of database " + w[2]
                        : cmd.contains("autovacuum worker") ? "postgres autovacuum workers" : "postgres " + cmd.substring(10);
            }
            return cmd.length() > 80 ? cmd.substring(0, 80) : cmd.isEmpty() ? "[kernel] " + comm(pid) : cmd;
        } catch (IOException e) {
            return "pid " + pid;
        }
    }

    private static String comm(long pid) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
    }

    private Connection postgres() throws Exception {
        return DriverManager.getConnection(stack.postgres().jdbcUrl("postgres"), PostgresServer.USER,
                PostgresServer.PASSWORD);
    }

    private static void jcmd(long pid, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(pid));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
        }
    }
}
