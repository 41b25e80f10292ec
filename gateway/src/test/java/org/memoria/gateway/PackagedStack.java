package org.memoria.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;

import org.memoria.local.LocalStack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged services as processes on a real PostgreSQL and Kafka broker ({@link LocalStack}), in a temporary
 * folder, for a failsafe test. Closing it stops everything, keeps the services' and the broker's logs in
 * {@code target/<name>-logs} for a look after the run, and deletes the folder.
 */
final class PackagedStack implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path data;
    private final LocalStack stack;

    private PackagedStack(String name, Path data, LocalStack stack) {
        this.name = name;
        this.data = data;
        this.stack = stack;
    }

    /** The repository root, where the packaged services are. */
    static Path root() {
        return Path.of(System.getProperty("memoria.root", "..")).toAbsolutePath().normalize();
    }

    /** Starts the stack on free ports, with fsync off, as {@code options} adjusts it. */
    static PackagedStack start(String name, UnaryOperator<LocalStack.Options> options) throws Exception {
        Path data = Files.createTempDirectory("memoria-" + name + "-");
        try {
            return new PackagedStack(name, data, LocalStack.start(options.apply(LocalStack.Options.ephemeral(root(),
                    data))));
        } catch (Exception e) {
            delete(data);
            throw e;
        }
    }

    LocalStack stack() {
        return stack;
    }

    /** The first column of the first row a query answers on a service's database, as a number. */
    int count(LocalStack.Service service, String query) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(stack.postgres().jdbcUrl(service.database),
                "postgres", "postgres"); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public void close() throws IOException {
        stack.close();
        Path logs = Path.of("target", name + "-logs");
        Files.createDirectories(logs);
        try (var files = Files.list(data.resolve("logs"))) {
            for (Path log : files.toList()) {
                Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        delete(data);
    }

    private static void delete(Path folder) throws IOException {
        try (var walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * Starts a read-model rebuild through this gateway with an admin's token and waits until it ends, however it
     * ends; answers its {@code lastRebuild}.
     */
    static JsonNode rebuild(HttpClient http, String gateway, String adminToken) throws Exception {
        String status = gateway + "/api/admin/read-model";
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(status + "/rebuild"))
                .header("Authorization", adminToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, started.statusCode(), started.body());
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(status))
                    .header("Authorization", adminToken).build(), HttpResponse.BodyHandlers.ofString());
            last[0] = answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("lastRebuild") : null;
            return last[0] != null && !last[0].path("state").asText().equals("RUNNING");
        });
        return last[0];
    }
}
