package org.memoria.local;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test application the JVM's shared real PostgreSQL (one database, named by the
 * {@code database} init argument), Kafka broker and token issuer, and a rate limit ({@code rateLimit}, e.g.
 * {@code "1/5"} per second and burst; high unless a test sets it). Use with
 * {@code @WithTestResource(value = MemoriaTestResource.class, initArgs = @ResourceArg(name = "database", value = "people"))}.
 */
public class MemoriaTestResource implements QuarkusTestResourceLifecycleManager {
    private String database = "memoria";
    /** "per-second/burst" of each caller's rate limit: high, since a test sends many requests as one caller. */
    private String rateLimit = "100000/100000";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        rateLimit = initArgs.getOrDefault("rateLimit", rateLimit);
    }

    @Override
    public Map<String, String> start() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        try {
            infrastructure.postgres().ensureDatabase(database);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create test database " + database, e);
        }
        Map<String, String> config = new HashMap<>(infrastructure.postgres().quarkusConfig(database));
        config.put("kafka.bootstrap.servers", infrastructure.kafka().bootstrapServers());
        config.putAll(infrastructure.tokens().verifierConfig());
        String[] limit = rateLimit.split("/");
        config.put("memoria.security.rate-limit.per-second", limit[0]);
        config.put("memoria.security.rate-limit.burst", limit[1]);
        return config;
    }

    @Override
    public void stop() {
        // shared with the JVM's other test applications; stopped when the JVM exits
    }
}
