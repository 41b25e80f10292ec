package org.memoria.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.memoria.local.LocalStack;
import org.memoria.local.LocalStack.Service;
import org.memoria.local.PostgresServer;

/**
 * With {@code -Dbench.jfr=true}, a JDK Flight Recorder profile of every service for each phase of the benchmark
 * ({@code jcmd PID JFR.start} / {@code JFR.stop}), written to {@code target/bench-jfr/<phase>-<service>.jfr} (read them
 * with {@code bench/jfr-summary FILE...} or {@code jfr view hot-methods FILE}), and PostgreSQL's statements by total
 * time in the phase ({@code pg_stat_statements}) in {@code target/bench-jfr/<phase>-postgres.txt}. Off, it does
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
        try (Connection c = postgres(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
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
        StringBuilder report = new StringBuilder("database | calls | total ms | mean ms | rows | statement\n");
        try (Connection c = postgres(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(STATEMENTS)) {
            while (rs.next()) {
                report.append("%s | %d | %s | %s | %d | %s%n".formatted(rs.getString(1), rs.getLong(2),
                        rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getLong(5), rs.getString(6)));
            }
        }
        Files.writeString(folder.resolve(phase + "-postgres.txt"), report);
        System.out.println("[bench] profiles of " + phase + " in " + folder);
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
