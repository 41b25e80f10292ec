package org.memoria.gateway;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A gateway test that publishes change events to the test broker as the owning services would ({@link OwnerTopics},
 * one producer per test), and reads what the projector made of them. Subclasses are {@code @QuarkusTest}s on the
 * shared test stack.
 */
abstract class PublishingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    /** The owners' topics, for this test. */
    OwnerTopics owners;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void connectToTheOwnersTopics() {
        owners = new OwnerTopics(kafka);
    }

    @AfterEach
    void closeTheOwnersTopics() {
        owners.close();
    }

    /** Waits until the change feed holds this version of the entity (the projector applied it). */
    void awaitFeedHolds(UUID id, long version) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "select count(*) from change_feed where entity_id = ? and version = ?")) {
                s.setObject(1, id);
                s.setLong(2, version);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            }
        });
    }
}
