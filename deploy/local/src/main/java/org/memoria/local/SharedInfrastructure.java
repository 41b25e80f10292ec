package org.memoria.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One PostgreSQL, one Kafka broker and one token issuer per JVM, started on first use and stopped when the JVM exits: every
 * Quarkus test application boot in a test JVM shares them.
 */
public final class SharedInfrastructure {
    private static SharedInfrastructure instance;

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final Tokens tokens;

    private SharedInfrastructure(PostgresServer postgres, KafkaBroker kafka, Tokens tokens) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.tokens = tokens;
    }

    public static synchronized SharedInfrastructure get() {
        if (instance == null) {
            try {
                Path kafkaDir = Files.createTempDirectory("memoria-kafka-");
                PostgresServer postgres = PostgresServer.start(null, Ports.free(), false);
                KafkaBroker kafka = KafkaBroker.start(kafkaDir, Ports.free(), Ports.free());
                Path keys = Files.createTempDirectory("memoria-keys-");
                instance = new SharedInfrastructure(postgres, kafka, Tokens.inDirectory(keys));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        kafka.close();
                    } catch (RuntimeException ignored) {
                        // the JVM is going away
                    }
                    try {
                        postgres.close();
                        KafkaBroker.deleteRecursively(kafkaDir);
                        KafkaBroker.deleteRecursively(keys);
                    } catch (Exception ignored) {
                        // the JVM is going away
                    }
                }, "memoria-test-infrastructure-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the test PostgreSQL and Kafka", e);
            }
        }
        return instance;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** The test JVM's token issuer: every test application verifies its tokens. */
    public Tokens tokens() {
        return tokens;
    }
}
